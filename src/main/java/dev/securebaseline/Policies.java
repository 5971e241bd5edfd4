package dev.securebaseline;

import dev.securebaseline.Policy.Statement;

/**
 * The policy documents of the baseline, one small method each. Every grant to an AWS service is
 * pinned to this account (and, where the service sends it, to the exact source resource) so that
 * no other account can use the service as a confused deputy.
 */
final class Policies {

    private Policies() {
    }

    // ------------------------------------------------------------------ trust policies

    /** Lets one AWS service assume a role, only on behalf of this account (and the given source ARN pattern). */
    static Policy assumeRole(AwsContext aws, String servicePrincipal, String sourceArnPattern) {
        Statement trust = Policy.allow("AssumeRoleFrom" + serviceLabel(servicePrincipal))
                .service(servicePrincipal)
                .actions("sts:AssumeRole")
                .when("StringEquals", "aws:SourceAccount", aws.accountId());
        if (sourceArnPattern != null) {
            trust.when("ArnLike", "aws:SourceArn", sourceArnPattern);
        }
        return Policy.of(trust);
    }

    /** EC2 instances cannot be narrowed by source account: the instance itself assumes the role. */
    static Policy assumeRoleByEc2() {
        return Policy.of(Policy.allow("AssumeRoleFromEc2")
                .service("ec2.amazonaws.com")
                .actions("sts:AssumeRole"));
    }

    /**
     * CIS 1.17: a role the account's administrators assume to work with AWS Support. The account root
     * principal delegates to IAM: only principals whose policies allow sts:AssumeRole on it can assume it.
     */
    static Policy assumeRoleByAccountAdministrators(AwsContext aws) {
        return Policy.of(Policy.allow("AccountAdministratorsAssume")
                .aws(aws.accountRoot())
                .actions("sts:AssumeRole"));
    }

    // ------------------------------------------------------------------ permissions

    /** Writing into one log group's streams: what CloudTrail and VPC flow logs need, and no more. */
    static Policy writeToLogGroup(String logGroupArn, boolean canDescribe) {
        Statement write = Policy.allow("WriteLogStreams")
                .actions("logs:CreateLogStream", "logs:PutLogEvents")
                .resources(logGroupArn + ":log-stream:*");
        if (!canDescribe) {
            return Policy.of(write);
        }
        // The flow-log service checks the group and its streams before it delivers.
        return Policy.of(write, Policy.allow("DescribeOwnLogGroup")
                .actions("logs:DescribeLogGroups", "logs:DescribeLogStreams")
                .resources(logGroupArn, logGroupArn + ":*"));
    }

    /** The IAM permissions AWS Config needs to deliver into the account's Config bucket, encrypted with the audit key. */
    static Policy configDelivery(AwsContext aws, String bucketArn, String keyArn) {
        return Policy.of(
                // Config checks the bucket's existence, region and ACL before every delivery.
                Policy.allow("CheckDeliveryBucket")
                        .actions("s3:GetBucketAcl", "s3:GetBucketLocation", "s3:ListBucket")
                        .resources(bucketArn),
                // No ACL condition: the bucket's ACLs are disabled (BucketOwnerEnforced), so it would add nothing.
                Policy.allow("DeliverConfigurationItems")
                        .actions("s3:PutObject")
                        .resources(bucketArn + "/AWSLogs/" + aws.accountId() + "/Config/*"),
                Policy.allow("EncryptWithTheAuditKey")
                        .actions("kms:GenerateDataKey", "kms:Decrypt")
                        .resources(keyArn));
    }

    // ------------------------------------------------------------------ KMS

    /**
     * An environment's customer managed key: administered through IAM by the account, used by
     * CloudWatch Logs for this account's log groups, by CloudWatch alarms publishing to the encrypted
     * topic, and by the environment's Auto Scaling role for instance volumes.
     */
    static Policy environmentKeyPolicy(AwsContext aws, String autoScalingRoleArn) {
        return Policy.of(
                accountAdministersKey(aws),
                logsEncrypt(aws, "log-group:*"),
                // Without this grant an alarm cannot publish to a topic encrypted with this key.
                Policy.allow("CloudWatchAlarmsPublishToEncryptedTopic")
                        .service("cloudwatch.amazonaws.com")
                        .actions("kms:Decrypt", "kms:GenerateDataKey*")
                        .when("StringEquals", "aws:SourceAccount", aws.accountId()),
                // EC2 Auto Scaling creates the encrypted root volumes through its service-linked role;
                // without these two grants instances fail to launch.
                Policy.allow("AutoScalingUsesKeyForVolumes")
                        .aws(autoScalingRoleArn)
                        .actions("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"),
                Policy.allow("AutoScalingAttachesEncryptedVolumes")
                        .aws(autoScalingRoleArn)
                        .actions("kms:CreateGrant")
                        .when("Bool", "kms:GrantIsForAWSResource", "true"));
    }

    /**
     * The account baseline's key: the trail and the trail's log group, and (through the Config role's IAM
     * policy, which the account statement allows) the Config history. CloudTrail may use it for this
     * trail only; CloudWatch Logs for the account baseline's log groups only.
     */
    static Policy auditKeyPolicy(AwsContext aws, String trailArn, String logGroupPattern) {
        return Policy.of(
                accountAdministersKey(aws),
                Policy.allow("CloudTrailEncryptsThisTrail")
                        .service("cloudtrail.amazonaws.com")
                        .actions("kms:GenerateDataKey*")
                        .when("StringEquals", "aws:SourceArn", trailArn)
                        .when("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn",
                                "arn:" + aws.partitionName() + ":cloudtrail:*:" + aws.accountId() + ":trail/*"),
                Policy.allow("CloudTrailDescribesKey")
                        .service("cloudtrail.amazonaws.com")
                        .actions("kms:DescribeKey")
                        .when("StringEquals", "aws:SourceArn", trailArn),
                logsEncrypt(aws, logGroupPattern));
    }

    /** The account principal administers the key, which lets IAM policies grant its use. */
    private static Statement accountAdministersKey(AwsContext aws) {
        return Policy.allow("AccountAdministersKeyThroughIam")
                .aws(aws.accountRoot())
                .actions("kms:*");
    }

    /** CloudWatch Logs (a regional principal) encrypts the log groups matching the pattern in this region and account. */
    private static Statement logsEncrypt(AwsContext aws, String logGroupPattern) {
        return Policy.allow("CloudWatchLogsEncryptsLogGroups")
                .service(aws.logsPrincipal())
                .actions("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*")
                .when("ArnLike", "kms:EncryptionContext:aws:logs:arn", aws.arn("logs", logGroupPattern));
    }

    // ------------------------------------------------------------------ S3

    /** CIS 2.1.1 / FSBP S3.5: refuse any request that does not use TLS. */
    static Statement denyInsecureTransport(String bucketArn) {
        return Policy.deny("DenyInsecureTransport")
                .anyone()
                .actions("s3:*")
                .resources(bucketArn, bucketArn + "/*")
                .when("Bool", "aws:SecureTransport", "false");
    }

    /** The trail bucket: TLS only; CloudTrail may read the ACL and write log files for this trail only. */
    static Policy trailBucket(AwsContext aws, String bucketArn, String trailArn) {
        return Policy.of(
                denyInsecureTransport(bucketArn),
                Policy.allow("CloudTrailChecksBucketAcl")
                        .service("cloudtrail.amazonaws.com")
                        .actions("s3:GetBucketAcl")
                        .resources(bucketArn)
                        .when("StringEquals", "aws:SourceArn", trailArn),
                Policy.allow("CloudTrailWritesLogFiles")
                        .service("cloudtrail.amazonaws.com")
                        .actions("s3:PutObject")
                        .resources(bucketArn + "/AWSLogs/" + aws.accountId() + "/*")
                        .when("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control")
                        .when("StringEquals", "aws:SourceArn", trailArn));
    }

    /**
     * The server-access-log bucket: TLS only; S3 log delivery may write, for this account's buckets
     * whose ARN matches {@code sourceBucketArnPattern} (the deployment's own buckets) only.
     */
    static Policy accessLogBucket(AwsContext aws, String bucketArn, String sourceBucketArnPattern) {
        return Policy.of(
                denyInsecureTransport(bucketArn),
                Policy.allow("S3ServerAccessLogDelivery")
                        .service("logging.s3.amazonaws.com")
                        .actions("s3:PutObject")
                        .resources(bucketArn + "/*")
                        .when("ArnLike", "aws:SourceArn", sourceBucketArnPattern)
                        .when("StringEquals", "aws:SourceAccount", aws.accountId()));
    }

    /**
     * The load balancer access-log bucket: TLS only; Elastic Load Balancing may write under the
     * log prefix for this account, through its service principal and, in regions that have one, the
     * regional log-delivery account.
     */
    static Policy albLogBucket(AwsContext aws, String bucketArn, String prefix, String elbAccountArn) {
        String logs = bucketArn + "/" + prefix + "/AWSLogs/" + aws.accountId() + "/*";
        Statement service = Policy.allow("ElbLogDelivery")
                .service("logdelivery.elasticloadbalancing.amazonaws.com")
                .actions("s3:PutObject")
                .resources(logs);
        if (elbAccountArn == null) {
            return Policy.of(denyInsecureTransport(bucketArn), service);
        }
        return Policy.of(denyInsecureTransport(bucketArn), service,
                Policy.allow("ElbRegionalAccountLogDelivery")
                        .aws(elbAccountArn)
                        .actions("s3:PutObject")
                        .resources(logs));
    }

    // ------------------------------------------------------------------ SNS

    /**
     * The alarm topic: the account manages it through IAM, CloudWatch alarms of this account may
     * publish, and nobody else may publish (a human testing the path uses {@code set-alarm-state}).
     */
    static Policy alarmTopic(AwsContext aws, String topicArn) {
        return Policy.of(
                Policy.allow("AccountManagesTopic")
                        .aws(aws.accountRoot())
                        .actions("SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission",
                                "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe",
                                "SNS:ListSubscriptionsByTopic")
                        .resources(topicArn),
                Policy.allow("CloudWatchAlarmsPublish")
                        .service("cloudwatch.amazonaws.com")
                        .actions("SNS:Publish")
                        .resources(topicArn)
                        .when("ArnLike", "aws:SourceArn", aws.arn("cloudwatch", "alarm:*"))
                        .when("StringEquals", "aws:SourceAccount", aws.accountId()),
                Policy.deny("OnlyCloudWatchPublishes")
                        .anyone()
                        .actions("SNS:Publish")
                        .resources(topicArn)
                        .when("StringNotEquals", "aws:PrincipalServiceName", "cloudwatch.amazonaws.com"));
    }

    private static String serviceLabel(String servicePrincipal) {
        String service = servicePrincipal.substring(0, servicePrincipal.indexOf('.'));
        StringBuilder label = new StringBuilder();
        for (String part : service.split("-")) {
            label.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return label.toString();
    }
}
