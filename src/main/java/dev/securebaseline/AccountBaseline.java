package dev.securebaseline;

import dev.securebaseline.AccountSettings.PasswordPolicy;
import dev.securebaseline.BaselineSettings.Archive;
import dev.securebaseline.CisControls.Control;
import dev.securebaseline.PrivateBucket.Encryption;
import dev.securebaseline.PrivateBucket.Retention;
import dev.securebaseline.Tf.Ref;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.securebaseline.Tf.list;
import static dev.securebaseline.Tf.listOf;
import static dev.securebaseline.Tf.map;
import static dev.securebaseline.Tf.tags;

/**
 * What an AWS account has once, written by the one environment stack that carries it: the multi-region
 * trail with its key, buckets and log group, the fifteen CIS alarms, the account's IAM and S3 settings,
 * and the guardrails of every guardrail region ({@link RegionGuardrails}).
 *
 * <p>Everything goes through the aliased providers, so it carries the account's tags
 * ({@code environment = account}), and through a journal, so the stack can list exactly which of its
 * addresses belong to the account (to move the baseline to another stack).
 */
final class AccountBaseline {

    /** KMS's longest waiting period: the audit key outlives every environment. */
    private static final int KEY_DELETION_WINDOW_DAYS = 30;

    private final Tf tf;
    private final Tf stackTf;
    private final AwsContext aws;
    private final BaselineSettings owner;
    private final AccountSettings settings;
    private final Naming names;
    private final List<String> addresses = new ArrayList<>();

    private AccountBaseline(Tf stackTf, AwsContext aws, BaselineSettings owner, Account account) {
        this.settings = account.baseline().orElseThrow();
        this.stackTf = stackTf.journaling(addresses);
        this.tf = this.stackTf.withProvider(AwsProvider.in(settings.homeRegion()));
        this.aws = aws;
        this.owner = owner;
        this.names = Naming.ofAccount(owner, account);
    }

    /** The tags of the account's providers: the environment is the account itself. */
    static Map<String, Object> tagsFor(BaselineSettings owner) {
        Map<String, Object> tags = AwsProvider.defaultTags(owner.project(), "account", owner.owner());
        tags.put("stack", owner.baseName());
        return tags;
    }

    /**
     * Writes the account baseline of {@code account} into the owner's stack. CIS alarms notify the
     * owner's {@code topic}; the trail's log group keeps the owner's {@code log_retention_days}.
     */
    static void write(Tf stackTf, AwsContext aws, BaselineSettings owner, Account account, Ref topic, Ref logRetentionDays) {
        AccountBaseline baseline = new AccountBaseline(stackTf, aws, owner, account);
        Ref key = baseline.auditKey();
        AuditStorage storage = baseline.auditStorage(key);
        Trail trail = baseline.trail(key, storage, logRetentionDays);
        List<Ref> alarms = baseline.cisAlarms(trail, topic);
        baseline.passwordPolicy();
        baseline.supportRole();
        baseline.accountPublicAccessBlock();
        baseline.securityContact();
        RegionGuardrails.ConfigDelivery config = baseline.configDelivery(key, storage);
        for (String region : baseline.settings.guardrailRegions()) {
            RegionGuardrails.write(baseline.stackTf, aws.inRegion(region), baseline.settings, baseline.names, config);
        }
        baseline.findingAggregator();
        baseline.outputs(key, storage, trail, alarms);
    }

    // ==================================================================== encryption and storage

    /** CIS 3.5 (v3.0) / 3.7 (v1.4): the trail is encrypted with a customer key; 3.6 / 3.8: it rotates. */
    private Ref auditKey() {
        Ref key = tf.resource("aws_kms_key", "audit", map(
                "description", "Encrypts the account's audit trail, its log group and the AWS Config history (" + names.base() + ")",
                "enable_key_rotation", true,
                "deletion_window_in_days", KEY_DELETION_WINDOW_DAYS,
                "policy", Policies.auditKeyPolicy(aws, trailArn(), "log-group:" + names.logPath() + "/*").json(),
                "tags", tags(names.display("audit-key")),
                "lifecycle", protection()));
        tf.resource("aws_kms_alias", "audit", map(
                "name_prefix", "alias/" + names.prefix("audit"),
                "target_key_id", key.get("key_id")));
        return key;
    }

    private record AuditStorage(PrivateBucket trail, PrivateBucket config, PrivateBucket accessLogs) {
    }

    /** CIS 3.3 / 3.6 (v1.4), FSBP S3.1-S3.9: the trail and Config buckets, and the bucket that records who read them. */
    private AuditStorage auditStorage(Ref key) {
        PrivateBucket accessLogs = auditBucket("audit_access_logs", "access-logs")
                .receivesAccessLogsFrom(aws, aws.s3Arn(names.everything()));
        PrivateBucket trail = auditBucket("trail", "trail")
                .encryption(Encryption.customerKey(key.get("arn")))
                .logsTo(accessLogs)
                .policy(arn -> Policies.trailBucket(aws, arn, trailArn()));
        accessLogs.writeTo(tf, names.display("access-logs"));
        trail.writeTo(tf, names.display("trail"));
        if (!settings.manageConfig()) {
            return new AuditStorage(trail, null, accessLogs);
        }
        PrivateBucket config = auditBucket("config", "config")
                .encryption(Encryption.customerKey(key.get("arn")))
                .logsTo(accessLogs)
                .policy(arn -> Policies.tlsOnlyBucket(arn));
        config.writeTo(tf, names.display("config"));
        return new AuditStorage(trail, config, accessLogs);
    }

    private PrivateBucket auditBucket(String role, String purpose) {
        Archive archive = settings.auditRetention();
        return PrivateBucket.named(role)
                .prefix(names.prefix(purpose))
                .retention(Retention.archive(archive.glacierDays(), archive.expirationDays()))
                .protect(!settings.allowDestroy());
    }

    // ==================================================================== trail and CIS alarms

    private record Trail(Ref trail, Ref logGroup) {
    }

    /** CIS 3.1 (multi-region), 3.2 (log file validation), 3.4 (CloudWatch Logs), 3.5 (SSE-KMS). */
    private Trail trail(Ref key, AuditStorage storage, Ref logRetentionDays) {
        Ref logGroup = Monitoring.logGroup(tf, names, "trail", "cloudtrail", key.get("arn"), logRetentionDays.value(),
                !settings.allowDestroy());
        Ref role = tf.resource("aws_iam_role", "trail", map(
                "name_prefix", names.prefix("cloudtrail"),
                "description", "Lets CloudTrail deliver " + trailName() + " to CloudWatch Logs",
                "assume_role_policy", Policies.assumeRoleWithoutSourceContext("cloudtrail.amazonaws.com").json(),
                "tags", tags(names.display("cloudtrail"))));
        Ref rolePolicy = tf.resource("aws_iam_role_policy", "trail", map(
                "name", "deliver-to-cloudwatch-logs",
                "role", role.get("id"),
                "policy", Policies.writeToLogGroup(logGroup.get("arn"), false).json()));
        Ref trail = tf.resource("aws_cloudtrail", "main", map(
                "name", trailName(),
                "s3_bucket_name", storage.trail().bucket().get("id"),
                "is_multi_region_trail", true,
                "include_global_service_events", true,
                "enable_log_file_validation", true,
                "enable_logging", true,
                "kms_key_id", key.get("arn"),
                "cloud_watch_logs_group_arn", logGroup.get("arn") + ":*",
                "cloud_watch_logs_role_arn", role.get("arn"),
                "event_selector", list(map("read_write_type", "All", "include_management_events", true)),
                "tags", tags(trailName()),
                "lifecycle", protection(),
                // CloudTrail checks bucket access and log delivery when the trail is created.
                "depends_on", list(storage.trail().bucketPolicy().dependency(), rolePolicy.dependency())));
        return new Trail(trail, logGroup);
    }

    private String trailName() {
        return names.unique("trail");
    }

    /** Built from the name, not read from the resource: the key and bucket policies need it before the trail exists. */
    private String trailArn() {
        return aws.arn("cloudtrail", "trail/" + trailName());
    }

    /** CIS 4.1-4.15: a metric filter on the trail's log group and an alarm to the topic for each control. */
    private List<Ref> cisAlarms(Trail trail, Ref topic) {
        String namespace = names.unique("cis");
        List<Ref> alarms = new ArrayList<>();
        for (Control control : CisControls.ALL) {
            tf.resource("aws_cloudwatch_log_metric_filter", control.address(), map(
                    "name", names.display("cis-" + control.id() + "-" + control.slug()),
                    "log_group_name", trail.logGroup().get("name"),
                    "pattern", control.pattern(),
                    "metric_transformation", map(
                            "name", control.metricName(),
                            "namespace", namespace,
                            "value", "1")));
            alarms.add(Monitoring.alarm(tf, names, topic, control.address(), "cis-" + control.id() + "-" + control.slug(),
                    "CIS " + control.id() + ": " + control.title(), map(
                            "namespace", namespace,
                            "metric_name", control.metricName(),
                            "statistic", "Sum",
                            "period", 300,
                            "evaluation_periods", 1,
                            "threshold", 1,
                            "comparison_operator", "GreaterThanOrEqualToThreshold")));
        }
        return alarms;
    }

    // ==================================================================== identity and the account's S3 setting

    /** CIS 1.8 (length ≥ 14) and 1.9 (no reuse of the last 24); expiry only when a setting asks (NIST SP 800-63B). */
    private void passwordPolicy() {
        PasswordPolicy passwords = settings.passwords();
        tf.resource("aws_iam_account_password_policy", "main", map(
                "minimum_password_length", passwords.minimumLength(),
                "require_lowercase_characters", true,
                "require_uppercase_characters", true,
                "require_numbers", true,
                "require_symbols", true,
                "allow_users_to_change_password", true,
                "password_reuse_prevention", PasswordPolicy.REUSE_PREVENTION,
                "max_password_age", passwords.maxAgeDays().orElse(null),
                "hard_expiry", false,
                "lifecycle", protection()));
    }

    /** CIS 1.17: a role to manage incidents with AWS Support, assumable by the account's administrators. */
    private void supportRole() {
        Ref role = tf.resource("aws_iam_role", "support", map(
                "name_prefix", names.prefix("support"),
                "description", "Manages incidents with AWS Support (CIS 1.17); assumable by the account's administrators",
                "assume_role_policy", Policies.assumeRoleByAccountAdministrators(aws).json(),
                "tags", tags(names.display("support"))));
        tf.resource("aws_iam_role_policy_attachment", "support", map(
                "role", role.get("name"),
                "policy_arn", aws.managedPolicyArn("AWSSupportAccess")));
    }

    /** CIS 2.1.4 / FSBP S3.1: no bucket of the account can be made public. Destroying it would silently unprotect them all. */
    private void accountPublicAccessBlock() {
        tf.resource("aws_s3_account_public_access_block", "main", map(
                "block_public_acls", true,
                "block_public_policy", true,
                "ignore_public_acls", true,
                "restrict_public_buckets", true,
                "lifecycle", protection()));
    }

    /** CIS 1.2: AWS knows whom to tell about a security issue in the account. */
    private void securityContact() {
        settings.securityContact().ifPresent(contact -> tf.resource("aws_account_alternate_contact", "security", map(
                "alternate_contact_type", "SECURITY",
                "email_address", contact.email(),
                "name", contact.name(),
                "title", contact.title(),
                "phone_number", contact.phone())));
    }

    // ==================================================================== Config delivery and Security Hub aggregation

    /**
     * One role for the recorders of every region: a role, not the service-linked role, because
     * {@code AWSServiceRoleForConfig} often exists already and creating it again fails.
     */
    private RegionGuardrails.ConfigDelivery configDelivery(Ref key, AuditStorage storage) {
        if (!settings.manageConfig()) {
            return null;
        }
        Ref role = tf.resource("aws_iam_role", "config", map(
                "name_prefix", names.prefix("config"),
                "description", "Lets AWS Config record the account's resources and deliver them to " + names.display("config"),
                "assume_role_policy", Policies.assumeRole(aws, "config.amazonaws.com", null).json(),
                "tags", tags(names.display("config"))));
        tf.resource("aws_iam_role_policy_attachment", "config", map(
                "role", role.get("name"),
                "policy_arn", aws.managedPolicyArn("service-role/AWS_ConfigRole")));
        Ref rolePolicy = tf.resource("aws_iam_role_policy", "config", map(
                "name", "deliver-configuration-items",
                "role", role.get("id"),
                "policy", Policies.configDelivery(aws, storage.config().bucket().get("arn"), key.get("arn")).json()));
        return new RegionGuardrails.ConfigDelivery(role, rolePolicy, storage.config());
    }

    /** CIS 4.16: Security Hub's findings of every region, seen from the home region. */
    private void findingAggregator() {
        if (!settings.manageSecurityHub()) {
            return;
        }
        tf.resource("aws_securityhub_finding_aggregator", "main", map(
                "linking_mode", "ALL_REGIONS",
                "depends_on", list(Ref.resource("aws_securityhub_account", AwsRegions.alias(settings.homeRegion())).dependency())));
    }

    // ==================================================================== outputs

    private void outputs(Ref key, AuditStorage storage, Trail trail, List<Ref> alarms) {
        stackTf.output("trail_arn", trail.trail().get("arn"), "ARN of the account's multi-region CloudTrail trail.");
        stackTf.output("trail_bucket_name", storage.trail().bucket().get("id"), "S3 bucket receiving the CloudTrail logs.");
        stackTf.output("trail_log_group_name", trail.logGroup().get("name"), "CloudWatch log group receiving the trail.");
        stackTf.output("audit_access_log_bucket_name", storage.accessLogs().bucket().get("id"),
                "S3 bucket receiving the server access logs of the audit buckets.");
        stackTf.output("audit_key_arn", key.get("arn"), "ARN of the KMS key of the trail, its log group and the Config history.");
        if (storage.config() != null) {
            stackTf.output("config_bucket_name", storage.config().bucket().get("id"), "S3 bucket receiving AWS Config's history and snapshots.");
        }
        stackTf.output("cis_alarm_names", listOf(alarms.stream().map(alarm -> alarm.get("alarm_name")).toList()),
                "Names of the CIS monitoring alarms, in control order.");
        stackTf.output("guardrail_regions", listOf(settings.guardrailRegions()), "Regions with the account guardrails, the home region first.");
        stackTf.output("account_baseline_addresses", listOf(List.copyOf(addresses)),
                "Every address of the account baseline in this stack: what to move when another stack takes it over.");
    }

    private Map<String, Object> protection() {
        return Tf.preventDestroy(!settings.allowDestroy());
    }
}
