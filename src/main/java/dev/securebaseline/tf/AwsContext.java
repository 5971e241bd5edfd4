package dev.securebaseline.tf;

import dev.securebaseline.tf.Tf.Ref;

/**
 * The account, partition and region a stack deploys into, as Terraform expressions, and the ARNs
 * and service principals built from them. Account id and partition come from data sources, so the
 * same JSON deploys into any account.
 */
public record AwsContext(String region, Ref partition, Ref callerIdentity) {

    /** The same account and partition, another region (for the per-region guardrails). */
    public AwsContext inRegion(String otherRegion) {
        return new AwsContext(otherRegion, partition, callerIdentity);
    }

    public String accountId() {
        return callerIdentity.get("account_id");
    }

    public String partitionName() {
        return partition.get("partition");
    }

    /** {@code arn:<partition>:<service>:<region>:<account>:<resource>}. */
    public String arn(String service, String resource) {
        return "arn:" + partitionName() + ":" + service + ":" + region + ":" + accountId() + ":" + resource;
    }

    /** An ARN of a global service (IAM): no region. */
    public String globalArn(String service, String resource) {
        return "arn:" + partitionName() + ":" + service + "::" + accountId() + ":" + resource;
    }

    /** S3 ARNs carry neither region nor account. */
    public String s3Arn(String bucket) {
        return "arn:" + partitionName() + ":s3:::" + bucket;
    }

    /** An AWS-managed IAM policy ARN, e.g. {@code AmazonSSMManagedInstanceCore}. */
    public String managedPolicyArn(String name) {
        return "arn:" + partitionName() + ":iam::aws:policy/" + name;
    }

    /** The account principal; a key policy granting it delegates access control to IAM. */
    public String accountRoot() {
        return globalArn("iam", "root");
    }

    /** CloudWatch Logs uses a regional service principal. */
    public String logsPrincipal() {
        return "logs." + region + ".amazonaws.com";
    }
}
