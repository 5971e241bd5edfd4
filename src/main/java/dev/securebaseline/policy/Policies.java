package dev.securebaseline.policy;

import dev.securebaseline.policy.Policy.Identity;
import dev.securebaseline.policy.Policy.Principal;
import dev.securebaseline.policy.Policy.Resource;
import dev.securebaseline.policy.Policy.Trust;
import dev.securebaseline.tf.AwsContext;

import java.util.ArrayList;
import java.util.List;

import static dev.securebaseline.policy.Policy.Resource.THIS_KEY;

/**
 * The policy documents of the baseline, one small method each. Every grant to an AWS service is
 * pinned to this account (and, where the service sends it, to the exact source resource) so that
 * no other account can use the service as a confused deputy; the two exceptions say why.
 */
public final class Policies {

    /** AWS Config's service principal. */
    public static final String CONFIG = "config.amazonaws.com";
    /** CloudTrail's service principal. */
    public static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";

    private Policies() {
    }

    // ------------------------------------------------------------------ trust policies

    /** Lets one AWS service assume a role, only on behalf of this account (and the given source ARN pattern). */
    public static Policy assumeRole(AwsContext aws, String servicePrincipal, String sourceArnPattern) {
        Trust trust = Trust.assumeRole("AssumeRoleFrom" + serviceLabel(servicePrincipal), Principal.service(servicePrincipal))
                .when("StringEquals", "aws:SourceAccount", aws.accountId());
        if (sourceArnPattern != null) {
            trust.when("ArnLike", "aws:SourceArn", sourceArnPattern);
        }
        return Policy.trust(trust);
    }

    /**
     * A service that sends no source context when it assumes the role: EC2 (the instance itself assumes
     * it) and CloudTrail's CloudWatch Logs delivery, whose documented role has no condition and breaks with
     * one (prowler issue 4714). Both roles can only do what their permissions allow: SSM on the instance,
     * writing one log group.
     */
    public static Policy assumeRoleWithoutSourceContext(String servicePrincipal) {
        return Policy.trust(Trust.assumeRole("AssumeRoleFrom" + serviceLabel(servicePrincipal), Principal.service(servicePrincipal)));
    }

    /**
     * CIS 1.17: a role the account's administrators assume to work with AWS Support. The account root
     * principal delegates to IAM: only principals whose policies allow sts:AssumeRole on it can assume it.
     */
    public static Policy assumeRoleByAccountAdministrators(AwsContext aws) {
        return Policy.trust(Trust.assumeRole("AccountAdministratorsAssume", Principal.aws(aws.accountRoot())));
    }

    // ------------------------------------------------------------------ permissions

    /** Writing into one log group's streams: what CloudTrail and VPC flow logs need, and no more. */
    public static Policy writeToLogGroup(String logGroupArn, boolean canDescribe) {
        Identity write = Identity.allow("WriteLogStreams", logGroupArn + ":log-stream:*")
                .actions("logs:CreateLogStream", "logs:PutLogEvents");
        if (!canDescribe) {
            return Policy.identity(write);
        }
        // The flow-log service checks the group and its streams before it delivers. DescribeLogGroups takes no
        // resource-level permission (IAM's service reference): granted on any other resource it grants nothing.
        return Policy.identity(write,
                Identity.allow("DescribeOwnLogStreams", logGroupArn, logGroupArn + ":*").actions("logs:DescribeLogStreams"),
                Identity.allow("FindLogGroups", "*").actions("logs:DescribeLogGroups"));
    }

    // ------------------------------------------------------------------ KMS

    /**
     * An environment's customer managed key: administered through IAM by the account, used by
     * CloudWatch Logs for this account's log groups, by CloudWatch alarms publishing to the encrypted
     * topic, and by the environment's Auto Scaling role for instance volumes.
     */
    public static Policy environmentKeyPolicy(AwsContext aws, String autoScalingRoleArn) {
        return Policy.resource(
                accountAdministersKey(aws),
                logsEncrypt(aws, "log-group:*"),
                alarmsPublishThroughKey(aws),
                // EC2 Auto Scaling creates the encrypted root volumes through its service-linked role;
                // without these two grants instances fail to launch.
                Resource.allow("AutoScalingUsesKeyForVolumes", Principal.aws(autoScalingRoleArn), THIS_KEY)
                        .actions("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"),
                Resource.allow("AutoScalingAttachesEncryptedVolumes", Principal.aws(autoScalingRoleArn), THIS_KEY)
                        .actions("kms:CreateGrant")
                        .when("Bool", "kms:GrantIsForAWSResource", "true"));
    }

    /**
     * The account stack's key: the trail and the trail's log group, the security alarm topic and, where the
     * account records with Config, the Config history. CloudTrail may use it for this trail only, CloudWatch
     * Logs for the account stack's log groups only, Config for this account only.
     */
    public static Policy auditKeyPolicy(AwsContext aws, String trailArn, String logGroupPattern, boolean configDelivers) {
        List<Resource> statements = new ArrayList<>(List.of(
                accountAdministersKey(aws),
                logsEncrypt(aws, logGroupPattern),
                alarmsPublishThroughKey(aws)));
        statements.addAll(1, cloudTrailUsesKey(aws, trailArn, aws.accountId()));
        if (configDelivers) {
            // Config's service-linked role has no KMS permission: Config delivers as its service principal
            // (AWS Config Developer Guide, "Permissions for the KMS Key").
            statements.add(Resource.allow("ConfigEncryptsDeliveries", Principal.service(CONFIG), THIS_KEY)
                    .actions("kms:Decrypt", "kms:GenerateDataKey")
                    .when("StringEquals", "aws:SourceAccount", aws.accountId()));
        }
        return Policy.resource(statements);
    }

    /**
     * The management account's key: the organization trail's log group and the security alarm topic. CloudWatch
     * Logs may use it for the org stack's log groups only.
     */
    public static Policy monitoringKey(AwsContext aws, String logGroupPattern) {
        return Policy.resource(accountAdministersKey(aws), logsEncrypt(aws, logGroupPattern), alarmsPublishThroughKey(aws));
    }

    /**
     * CloudTrail encrypts the log files of this trail (whose owner is {@code trailAccount}), decrypts for the
     * bucket key and describes the key, for this trail only.
     */
    private static List<Resource> cloudTrailUsesKey(AwsContext aws, String trailArn, String trailAccount) {
        Principal cloudTrail = Principal.service(CLOUDTRAIL);
        return List.of(
                Resource.allow("CloudTrailEncryptsThisTrail", cloudTrail, THIS_KEY)
                        .actions("kms:GenerateDataKey*")
                        .when("StringEquals", "aws:SourceArn", trailArn)
                        .when("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn",
                                "arn:" + aws.partitionName() + ":cloudtrail:*:" + trailAccount + ":trail/*"),
                // The trail bucket uses an S3 Bucket Key: CloudTrail needs Decrypt to create or update a
                // trail that writes into it with SSE-KMS (CloudTrail User Guide, "Configure AWS KMS key policies").
                Resource.allow("CloudTrailDecryptsForTheBucketKey", cloudTrail, THIS_KEY)
                        .actions("kms:Decrypt")
                        .when("StringEquals", "aws:SourceArn", trailArn),
                Resource.allow("CloudTrailDescribesKey", cloudTrail, THIS_KEY)
                        .actions("kms:DescribeKey")
                        .when("StringEquals", "aws:SourceArn", trailArn));
    }

    /** Without this grant an alarm cannot publish to a topic encrypted with the key. */
    private static Resource alarmsPublishThroughKey(AwsContext aws) {
        return Resource.allow("CloudWatchAlarmsPublishToEncryptedTopic", Principal.service("cloudwatch.amazonaws.com"), THIS_KEY)
                .actions("kms:Decrypt", "kms:GenerateDataKey*")
                .when("StringEquals", "aws:SourceAccount", aws.accountId());
    }

    /** The account principal administers the key, which lets IAM policies grant its use. */
    private static Resource accountAdministersKey(AwsContext aws) {
        return Resource.allow("AccountAdministersKeyThroughIam", Principal.aws(aws.accountRoot()), THIS_KEY)
                .actions("kms:*");
    }

    /** CloudWatch Logs (a regional principal) encrypts the log groups matching the pattern in this region and account. */
    private static Resource logsEncrypt(AwsContext aws, String logGroupPattern) {
        return Resource.allow("CloudWatchLogsEncryptsLogGroups", Principal.service(aws.logsPrincipal()), THIS_KEY)
                .actions("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*")
                .when("ArnLike", "kms:EncryptionContext:aws:logs:arn", aws.arn("logs", logGroupPattern));
    }

    // ------------------------------------------------------------------ S3

    /** CIS 2.1.1 / FSBP S3.5: refuse any request that does not use TLS. */
    static Resource denyInsecureTransport(String bucketArn) {
        return Resource.deny("DenyInsecureTransport", Principal.anyone(), bucketArn, bucketArn + "/*")
                .actions("s3:*")
                .when("Bool", "aws:SecureTransport", "false");
    }

    /** A bucket whose policy only refuses requests without TLS: its writers are this account's own roles. */
    public static Policy tlsOnlyBucket(String bucketArn) {
        return Policy.resource(denyInsecureTransport(bucketArn));
    }

    /** The trail bucket: TLS only; CloudTrail may read the ACL and write log files for this trail only. */
    public static Policy trailBucket(AwsContext aws, String bucketArn, String trailArn) {
        return Policy.resource(
                denyInsecureTransport(bucketArn),
                cloudTrailChecksBucketAcl(bucketArn, trailArn),
                cloudTrailWritesLogFiles(trailArn, bucketArn + "/AWSLogs/" + aws.accountId() + "/*"));
    }

    /** CloudTrail checks the bucket's ACL before it delivers, for this trail only (the confused-deputy guard). */
    private static Resource cloudTrailChecksBucketAcl(String bucketArn, String trailArn) {
        return Resource.allow("CloudTrailChecksBucketAcl", Principal.service(CLOUDTRAIL), bucketArn)
                .actions("s3:GetBucketAcl")
                .when("StringEquals", "aws:SourceArn", trailArn);
    }

    /** CloudTrail writes log files under these prefixes, handing the bucket owner control, for this trail only. */
    private static Resource cloudTrailWritesLogFiles(String trailArn, String... prefixes) {
        return Resource.allow("CloudTrailWritesLogFiles", Principal.service(CLOUDTRAIL), prefixes)
                .actions("s3:PutObject")
                .when("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control")
                .when("StringEquals", "aws:SourceArn", trailArn);
    }

    /**
     * The Config bucket: TLS only; AWS Config, which delivers as its service principal when it records through
     * its service-linked role, may check the bucket and write under this account's prefix, for this account only
     * (AWS Config Developer Guide, "Permissions for the Amazon S3 Bucket").
     */
    public static Policy configBucket(AwsContext aws, String bucketArn) {
        Principal config = Principal.service(CONFIG);
        return Policy.resource(
                denyInsecureTransport(bucketArn),
                Resource.allow("ConfigChecksBucket", config, bucketArn)
                        .actions("s3:GetBucketAcl", "s3:ListBucket")
                        .when("StringEquals", "aws:SourceAccount", aws.accountId()),
                Resource.allow("ConfigDeliversConfigurationItems", config, bucketArn + "/AWSLogs/" + aws.accountId() + "/Config/*")
                        .actions("s3:PutObject")
                        .when("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control")
                        .when("StringEquals", "aws:SourceAccount", aws.accountId()));
    }

    /**
     * The server-access-log bucket: TLS only; S3 log delivery may write, for this account's buckets
     * whose ARN matches {@code sourceBucketArnPattern} (the deployment's own buckets) only.
     */
    public static Policy accessLogBucket(AwsContext aws, String bucketArn, String sourceBucketArnPattern) {
        return Policy.resource(
                denyInsecureTransport(bucketArn),
                Resource.allow("S3ServerAccessLogDelivery", Principal.service("logging.s3.amazonaws.com"), bucketArn + "/*")
                        .actions("s3:PutObject")
                        .when("ArnLike", "aws:SourceArn", sourceBucketArnPattern)
                        .when("StringEquals", "aws:SourceAccount", aws.accountId()));
    }

    /**
     * The load balancer access-log bucket: TLS only; Elastic Load Balancing may write under the
     * log prefix for this account, through its service principal and, in regions that have one, the
     * regional log-delivery account.
     */
    public static Policy albLogBucket(AwsContext aws, String bucketArn, String prefix, String elbAccountArn) {
        String logs = bucketArn + "/" + prefix + "/AWSLogs/" + aws.accountId() + "/*";
        Resource service = Resource.allow("ElbLogDelivery", Principal.service("logdelivery.elasticloadbalancing.amazonaws.com"), logs)
                .actions("s3:PutObject");
        if (elbAccountArn == null) {
            return Policy.resource(denyInsecureTransport(bucketArn), service);
        }
        return Policy.resource(denyInsecureTransport(bucketArn), service,
                Resource.allow("ElbRegionalAccountLogDelivery", Principal.aws(elbAccountArn), logs)
                        .actions("s3:PutObject"));
    }

    // ------------------------------------------------------------------ the organization's log archive

    /**
     * The organization trail's key, in the log archive: CloudTrail encrypts for the organization trail only
     * (and decrypts for the bucket key), the security account reads, and nobody but the break-glass role
     * disables it or schedules its deletion.
     */
    public static Policy organizationTrailKey(AwsContext aws, String trailArn, String managementAccount, String securityAccount, String breakGlass) {
        List<Resource> statements = new ArrayList<>(List.of(accountAdministersKey(aws)));
        statements.addAll(cloudTrailUsesKey(aws, trailArn, managementAccount));
        statements.add(securityAccountReads(aws, securityAccount));
        statements.add(nobodyDeletesTheKey(breakGlass));
        return Policy.resource(statements);
    }

    /**
     * The Config key, in the log archive: Config encrypts the deliveries of the organization's baselined accounts. AWS
     * documents {@code aws:SourceAccount} on the key for Config's service principal (AWS Config Developer Guide,
     * "Permissions for the KMS Key"), not {@code aws:SourceOrgID}: the grant names the accounts.
     */
    public static Policy organizationConfigKey(AwsContext aws, List<String> deliveringAccounts, String securityAccount, String breakGlass) {
        return Policy.resource(
                accountAdministersKey(aws),
                Resource.allow("ConfigEncryptsTheOrganizationsDeliveries", Principal.service(CONFIG), THIS_KEY)
                        .actions("kms:Decrypt", "kms:GenerateDataKey")
                        .when("StringEquals", "aws:SourceAccount", deliveringAccounts.toArray(String[]::new)),
                securityAccountReads(aws, securityAccount),
                nobodyDeletesTheKey(breakGlass));
    }

    /**
     * The organization trail's bucket: TLS only; CloudTrail checks it and writes the management account's and
     * every member's log files for the organization trail only; the security account reads; nobody but the
     * break-glass role deletes the bucket or its policy (Object Lock keeps the objects).
     */
    public static Policy organizationTrailBucket(AwsContext aws, String bucketArn, String trailArn, String managementAccount, String organizationId,
                                          String securityAccount, String breakGlass) {
        return Policy.resource(
                denyInsecureTransport(bucketArn),
                cloudTrailChecksBucketAcl(bucketArn, trailArn),
                cloudTrailWritesLogFiles(trailArn, bucketArn + "/AWSLogs/" + managementAccount + "/*",
                        bucketArn + "/AWSLogs/" + organizationId + "/*"),
                securityAccountListsAndReads(aws, bucketArn, securityAccount),
                nobodyDeletesTheBucket(bucketArn, breakGlass));
    }

    /** The Config bucket: TLS only; Config checks it and writes every member's configuration items, for this organization only. */
    public static Policy organizationConfigBucket(AwsContext aws, String bucketArn, String organizationId, String securityAccount, String breakGlass) {
        Principal config = Principal.service(CONFIG);
        return Policy.resource(
                denyInsecureTransport(bucketArn),
                Resource.allow("ConfigChecksBucket", config, bucketArn)
                        .actions("s3:GetBucketAcl", "s3:ListBucket")
                        .when("StringEquals", "aws:SourceOrgID", organizationId),
                Resource.allow("ConfigDeliversConfigurationItems", config, bucketArn + "/AWSLogs/*/Config/*")
                        .actions("s3:PutObject")
                        .when("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control")
                        .when("StringEquals", "aws:SourceOrgID", organizationId),
                securityAccountListsAndReads(aws, bucketArn, securityAccount),
                nobodyDeletesTheBucket(bucketArn, breakGlass));
    }

    private static Resource securityAccountReads(AwsContext aws, String securityAccount) {
        return Resource.allow("SecurityAccountReads", Principal.aws(root(aws, securityAccount)), THIS_KEY)
                .actions("kms:Decrypt", "kms:DescribeKey");
    }

    private static Resource securityAccountListsAndReads(AwsContext aws, String bucketArn, String securityAccount) {
        return Resource.allow("SecurityAccountReads", Principal.aws(root(aws, securityAccount)), bucketArn, bucketArn + "/*")
                .actions("s3:GetObject", "s3:ListBucket");
    }

    private static Resource nobodyDeletesTheKey(String breakGlass) {
        return Resource.deny("NobodyButBreakGlassDisablesOrDeletes", Principal.anyone(), THIS_KEY)
                .actions("kms:DisableKey", "kms:ScheduleKeyDeletion")
                .when("ArnNotLike", "aws:PrincipalArn", breakGlass);
    }

    private static Resource nobodyDeletesTheBucket(String bucketArn, String breakGlass) {
        return Resource.deny("NobodyButBreakGlassDeletes", Principal.anyone(), bucketArn)
                .actions("s3:DeleteBucket", "s3:DeleteBucketPolicy")
                .when("ArnNotLike", "aws:PrincipalArn", breakGlass);
    }

    private static String root(AwsContext aws, String account) {
        return "arn:" + aws.partitionName() + ":iam::" + account + ":root";
    }

    // ------------------------------------------------------------------ CloudWatch Logs

    /**
     * AWS's log delivery (WAF logs) may write into one log group, for this account's sources in this region:
     * the statement AWS would otherwise add on its own to a shared, size-limited account policy.
     */
    public static Policy logDelivery(AwsContext aws, String logGroupArn) {
        return Policy.resource(Resource.allow("AWSLogDeliveryWrite20150319", Principal.service("delivery.logs.amazonaws.com"),
                        logGroupArn + ":log-stream:*")
                .actions("logs:CreateLogStream", "logs:PutLogEvents")
                .when("StringEquals", "aws:SourceAccount", aws.accountId())
                .when("ArnLike", "aws:SourceArn", aws.arn("logs", "*")));
    }

    // ------------------------------------------------------------------ SNS

    /**
     * The alarm topic: the account manages it through IAM, CloudWatch alarms of this account may
     * publish, and nobody else may publish (a human testing the path uses {@code set-alarm-state}).
     */
    public static Policy alarmTopic(AwsContext aws, String topicArn) {
        return Policy.resource(
                Resource.allow("AccountManagesTopic", Principal.aws(aws.accountRoot()), topicArn)
                        .actions("SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission",
                                "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe",
                                "SNS:ListSubscriptionsByTopic"),
                Resource.allow("CloudWatchAlarmsPublish", Principal.service("cloudwatch.amazonaws.com"), topicArn)
                        .actions("SNS:Publish")
                        .when("ArnLike", "aws:SourceArn", aws.arn("cloudwatch", "alarm:*"))
                        .when("StringEquals", "aws:SourceAccount", aws.accountId()),
                Resource.deny("OnlyCloudWatchPublishes", Principal.anyone(), topicArn)
                        .actions("SNS:Publish")
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
