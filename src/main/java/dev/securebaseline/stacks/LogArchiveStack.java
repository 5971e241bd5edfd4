package dev.securebaseline.stacks;

import com.hashicorp.cdktf.TerraformStack;
import dev.securebaseline.audit.AuditKeys;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.policy.Policy;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.Organization;
import dev.securebaseline.settings.OrganizationSettings;
import dev.securebaseline.storage.PrivateBucket;
import dev.securebaseline.storage.PrivateBucket.Encryption;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;
import software.constructs.Construct;

import java.util.List;

import static dev.securebaseline.tf.Tf.map;

/**
 * {@code <project>-log-archive}, in the log-archive account: where the organization's audit records land and
 * stay. The organization trail's bucket is under S3 Object Lock; the Config bucket is not, because AWS Config
 * cannot deliver into a bucket with Object Lock. Each has a key of its own, which only its writing service (for
 * this organization) uses and nobody but the break-glass role disables or deletes; the security account reads.
 * It deploys first of the organization's stacks: the organization trail and the member accounts' Config recorders
 * read the buckets and keys from this stack's state and deliver here only once it has created them, so no name someone
 * else could own ever receives the organization's logs.
 */
public final class LogArchiveStack extends TerraformStack {

    private final Tf tf;
    private final Naming names;
    private final AwsContext aws;
    private final Organization organization;
    private final OrganizationSettings settings;
    private final String breakGlass;

    public LogArchiveStack(Construct scope, AppSettings.Bootstrap app, OrganizationSettings settings) {
        super(scope, OrganizationSettings.stackName(app.project(), OrganizationSettings.LOG_ARCHIVE));
        this.settings = settings;
        this.organization = settings.organization();
        this.tf = new Tf(this);
        this.names = Naming.ofOrganizationPart(app.project(), app.stateBucket(), OrganizationSettings.LOG_ARCHIVE);
        this.aws = OrganizationParts.providersAndState(this, tf, app, OrganizationSettings.LOG_ARCHIVE, names, organization.logArchive(),
                organization.homeRegion(), List.of());
        this.breakGlass = "arn:" + aws.partitionName() + ":iam::" + organization.logArchive().accountId() + ":role/" + organization.breakGlassRoleName();

        String trailArn = organization.trailArn(aws.partitionName(), app.project());
        Ref trailKey = key("trail", "Encrypts the organization trail's log files", Policies.organizationTrailKey(aws, trailArn,
                organization.management().accountId(), organization.security().accountId(), breakGlass));
        Ref configKey = key("config", "Encrypts the organization's AWS Config history", Policies.organizationConfigKey(aws,
                organization.accountIds(), organization.security().accountId(), breakGlass));
        PrivateBucket accessLogs = bucket("access_logs", "logs").receivesAccessLogsFrom(aws, aws.s3Arn(names.everything()));
        PrivateBucket trail = bucket("trail", "trail")
                .encryption(Encryption.customerKey(trailKey.get("arn")))
                .objectLock(organization.objectLock())
                .logsTo(accessLogs)
                .policy(arn -> Policies.organizationTrailBucket(aws, arn, trailArn, organization.management().accountId(),
                        organization.id(), organization.security().accountId(), breakGlass));
        PrivateBucket config = bucket("config", "config")
                .encryption(Encryption.customerKey(configKey.get("arn")))
                .logsTo(accessLogs)
                .policy(arn -> Policies.organizationConfigBucket(aws, arn, organization.id(), organization.security().accountId(), breakGlass));
        accessLogs.writeTo(tf, names.display("access-logs"));
        trail.writeTo(tf, names.display("trail"));
        config.writeTo(tf, names.display("config"));
        outputs(trailKey, configKey, trail, config);
        tf.flush();
    }

    private Ref key(String role, String description, Policy policy) {
        return AuditKeys.keyWithAlias(tf, names, role, description, policy, !settings.allowDestroy());
    }

    private PrivateBucket bucket(String role, String purpose) {
        return PrivateBucket.logs(role, names.prefix(purpose), settings.auditRetention(), !settings.allowDestroy());
    }

    private void outputs(Ref trailKey, Ref configKey, PrivateBucket trail, PrivateBucket config) {
        // Read from this stack's state by the org and account stacks: a name is there only once its bucket takes deliveries,
        // so a first apply that stops halfway makes them wait instead of pointing CloudTrail or Config at a bucket without its policy.
        tf.output("trail_bucket", trail.bucket().get("id"), "The organization trail's bucket (S3 Object Lock).", trail.readyForDelivery());
        tf.output("trail_key_arn", trailKey.get("arn"), "The organization trail's KMS key.");
        tf.output("config_bucket", config.bucket().get("id"), "The bucket every member's AWS Config delivers into.", config.readyForDelivery());
        tf.output("config_key_arn", configKey.get("arn"), "The KMS key of the Config deliveries.");
        tf.output("organization_file_entries", map(
                        "trail_bucket", trail.bucket().get("id"),
                        "trail_key_arn", trailKey.get("arn"),
                        "config_bucket", config.bucket().get("id"),
                        "config_key_arn", configKey.get("arn")),
                "The four names, as the organization file's log_archive_outputs takes them: for another configuration that adopts "
                        + "these buckets. This app's org and account stacks read them from this stack's state.");
    }
}
