package dev.securebaseline;

import dev.securebaseline.AccountSettings.DataEvents;
import dev.securebaseline.AccountSettings.PasswordPolicy;
import dev.securebaseline.PrivateBucket.Encryption;
import dev.securebaseline.Tf.Ref;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.securebaseline.Tf.list;
import static dev.securebaseline.Tf.map;
import static dev.securebaseline.Tf.tags;

/**
 * The sections of an account stack that exist once per account, in its home region: the audit key, the
 * security alarm topic, the audit buckets, the multi-region trail and its fifteen CIS alarms, the account's
 * IAM and S3 settings, Config's service-linked role and Security Hub's finding aggregator. The guardrails of
 * every region are {@link RegionGuardrails}'.
 */
final class AccountBaseline {

    /** The name IAM gives Config's service-linked role; it takes no custom suffix. */
    static final String CONFIG_SERVICE_LINKED_ROLE = "AWSServiceRoleForConfig";

    private final Tf tf;
    private final AwsContext aws;
    private final AccountSettings settings;
    private final Naming names;

    /** Writes through {@code tf}, whose provider is the home region's. */
    AccountBaseline(Tf tf, AwsContext aws, AccountSettings settings, Naming names) {
        this.tf = tf;
        this.aws = aws;
        this.settings = settings;
        this.names = names;
    }

    // ==================================================================== encryption and alarms

    /** CIS 3.5 (v3.0) / 3.7 (v1.4): the trail is encrypted with a customer key; 3.6 / 3.8: it rotates. */
    Ref auditKey() {
        return AuditKeys.keyWithAlias(tf, names, "audit",
                "Encrypts the account's audit trail, its log group, the AWS Config history and the security alarm topic",
                Policies.auditKeyPolicy(aws, trailArn(), "log-group:" + names.logPath() + "/*", settings.manageConfig()),
                !settings.allowDestroy());
    }

    /**
     * The account's security alarm topic (the CIS alarms), encrypted with the audit key, with an optional
     * email subscription: the account's own, so that no environment stack has to exist for them to notify.
     */
    Ref securityAlarmTopic(Ref key, Ref alarmEmail) {
        return Monitoring.alarmTopic(tf, aws, names, "security_alarms", "security_alarm_email", "security-alarms", key.get("arn"), alarmEmail);
    }

    // ==================================================================== storage

    record AuditStorage(PrivateBucket trail, PrivateBucket config, PrivateBucket accessLogs) {
    }

    /** CIS 3.3 / 3.6 (v1.4), FSBP S3.1-S3.9: the trail and Config buckets, and the bucket that records who read them. */
    AuditStorage auditStorage(Ref key) {
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
                .policy(arn -> Policies.configBucket(aws, arn));
        config.writeTo(tf, names.display("config"));
        return new AuditStorage(trail, config, accessLogs);
    }

    private PrivateBucket auditBucket(String role, String purpose) {
        return PrivateBucket.logs(role, names.prefix(purpose), settings.auditRetention(), !settings.allowDestroy());
    }

    // ==================================================================== trail and CIS alarms

    record Trail(Ref trail, Ref logGroup) {
    }

    /**
     * CIS 3.1 (multi-region), 3.2 (log file validation), 3.4 (CloudWatch Logs), 3.5 (SSE-KMS); with
     * {@code BASELINE_TRAIL_DATA_EVENTS}, CIS 3.8/3.9 (S3 object-level logging) and Lambda invocations.
     */
    Trail trail(Ref key, AuditStorage storage, Ref logRetentionDays) {
        LogDelivery logs = logDelivery(tf, names, key.get("arn"), logRetentionDays.value(), !settings.allowDestroy(), trailName());
        Map<String, Object> body = logs.trail(trailName(), storage.trail().bucket().get("id"), key.get("arn"), !settings.allowDestroy());
        // CloudTrail checks bucket access and log delivery when the trail is created.
        body.put("depends_on", list(storage.trail().bucketPolicy().dependency(), logs.rolePolicy().dependency()));
        body.putAll(eventSelectors(storage));
        return new Trail(tf.resource("aws_cloudtrail", "main", body), logs.logGroup());
    }

    /**
     * Management events, read and write; data events as the settings ask, in advanced selectors (which
     * cannot be mixed with the basic ones). The trail's own bucket is left out of the S3 data events: each
     * log file it delivers would be an event of its own.
     */
    private Map<String, Object> eventSelectors(AuditStorage storage) {
        if (settings.trailDataEvents().isEmpty()) {
            return map("event_selector", list(map("read_write_type", "All", "include_management_events", true)));
        }
        List<Object> selectors = new ArrayList<>();
        selectors.add(map("name", "Management events", "field_selector", list(
                map("field", "eventCategory", "equals", list("Management")))));
        for (DataEvents events : settings.trailDataEvents()) {
            List<Object> fields = list(
                    map("field", "eventCategory", "equals", list("Data")),
                    map("field", "resources.type", "equals", list(events.resourceType())));
            if (events == DataEvents.S3) {
                fields.add(map("field", "resources.ARN", "not_starts_with", list(storage.trail().bucket().get("arn") + "/")));
            }
            selectors.add(map("name", events.settingValue() + " data events", "field_selector", fields));
        }
        return map("advanced_event_selector", selectors);
    }

    /** Where a trail delivers in CloudWatch Logs: its encrypted log group, and the role it writes through. */
    record LogDelivery(Ref logGroup, Ref role, Ref rolePolicy) {

        /**
         * What every trail of the baseline is, whoever owns it: CIS 3.1 (multi-region, with the global services'
         * events), 3.2 (log file validation), 3.5 (SSE-KMS with {@code keyArn}), 3.4 (delivered here). The caller
         * adds its event selectors and what the trail waits for.
         */
        Map<String, Object> trail(String name, String bucket, String keyArn, boolean protect) {
            return map(
                    "name", name,
                    "s3_bucket_name", bucket,
                    "is_multi_region_trail", true,
                    "include_global_service_events", true,
                    "enable_log_file_validation", true,
                    "enable_logging", true,
                    "kms_key_id", keyArn,
                    "cloud_watch_logs_group_arn", logGroup.get("arn") + ":*",
                    "cloud_watch_logs_role_arn", role.get("arn"),
                    "tags", tags(name),
                    "lifecycle", Tf.preventDestroy(protect));
        }
    }

    /**
     * CIS 3.4 (v1.4): the trail's log group, encrypted with {@code keyArn}, and a role CloudTrail assumes (it
     * sends no source context, prowler issue 4714) that can write that group only.
     */
    static LogDelivery logDelivery(Tf tf, Naming names, String keyArn, Object retentionDays, boolean protect, String trailName) {
        Ref logGroup = Monitoring.logGroup(tf, names, "trail", "cloudtrail", keyArn, retentionDays, protect);
        Ref role = tf.resource("aws_iam_role", "trail", map(
                "name_prefix", names.prefix("cloudtrail"),
                "description", "Lets CloudTrail deliver " + trailName + " to CloudWatch Logs",
                "assume_role_policy", Policies.assumeRoleWithoutSourceContext("cloudtrail.amazonaws.com").json(),
                "tags", tags(names.display("cloudtrail"))));
        Ref rolePolicy = tf.resource("aws_iam_role_policy", "trail", map(
                "name", "deliver-to-cloudwatch-logs",
                "role", role.get("id"),
                "policy", Policies.writeToLogGroup(logGroup.get("arn"), false).json()));
        return new LogDelivery(logGroup, role, rolePolicy);
    }

    private String trailName() {
        return names.unique("trail");
    }

    /** Built from the name, not read from the resource: the key and bucket policies need it before the trail exists. */
    private String trailArn() {
        return aws.arn("cloudtrail", "trail/" + trailName());
    }

    /** CIS 4.1-4.15: a metric filter on the trail's log group and an alarm to the topic for each control. */
    List<Ref> cisAlarms(Trail trail, Ref topic) {
        return CisControls.write(tf, names, trail.logGroup(), topic);
    }

    // ==================================================================== identity and the account's S3 setting

    /** CIS 1.8 (length ≥ 14) and 1.9 (no reuse of the last 24); expiry only when a setting asks (NIST SP 800-63B). */
    void passwordPolicy() {
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
    void supportRole() {
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
    void accountPublicAccessBlock() {
        tf.resource("aws_s3_account_public_access_block", "main", map(
                "block_public_acls", true,
                "block_public_policy", true,
                "ignore_public_acls", true,
                "restrict_public_buckets", true,
                "lifecycle", protection()));
    }

    /** CIS 1.2: AWS knows whom to tell about a security issue in the account. */
    void securityContact() {
        settings.securityContact().ifPresent(contact -> tf.resource("aws_account_alternate_contact", "security", map(
                "alternate_contact_type", "SECURITY",
                "email_address", contact.email(),
                "name", contact.name(),
                "title", contact.title(),
                "phone_number", contact.phone())));
    }

    // ==================================================================== Config delivery, IAM analysis and Security Hub aggregation

    /**
     * The recorders of every region record through Config's service-linked role (CIS v5.0 3.3 / FSBP Config.1
     * ask for it), and deliver as Config's service principal, which the Config bucket's and the audit key's
     * policies admit for this account. The role is one per account and often exists already (the console,
     * Control Tower): a lookup finds it, and the first apply takes it over instead of failing to create it.
     */
    RegionGuardrails.ConfigDelivery configDelivery(AuditStorage storage) {
        if (!settings.manageConfig()) {
            return null;
        }
        return RegionGuardrails.ConfigDelivery.into(configServiceLinkedRole(), storage.config());
    }

    private Ref configServiceLinkedRole() {
        Ref existing = tf.data("aws_iam_roles", "config_service_linked", map(
                "path_prefix", "/aws-service-role/" + Policies.CONFIG + "/",
                "name_regex", "^" + CONFIG_SERVICE_LINKED_ROLE + "$"));
        Ref role = tf.resource("aws_iam_service_linked_role", "config", map(
                "aws_service_name", Policies.CONFIG,
                "lifecycle", protection()));
        tf.adoptWhereFound(role, existing.attr("arns"));
        return role;
    }

    /** In an organization: the recorders deliver into the log archive's Config bucket, encrypted with its Config key. */
    RegionGuardrails.ConfigDelivery configDeliveryTo(Organization.LogArchiveOutputs logArchive) {
        return new RegionGuardrails.ConfigDelivery(configServiceLinkedRole(), logArchive.configBucket(), logArchive.configKeyArn(), List.of());
    }

    /**
     * IAM Access Analyzer's unused-access analyzer, when asked for (it is paid per IAM role and user): IAM is
     * global, so one analyzer in the home region sees all of it.
     */
    void unusedAccessAnalyzer() {
        settings.unusedAccessAgeDays().ifPresent(days -> tf.resource("aws_accessanalyzer_analyzer", "unused_access", map(
                "analyzer_name", names.unique("unused-access"),
                "type", "ACCOUNT_UNUSED_ACCESS",
                "configuration", map("unused_access", map("unused_access_age", days)),
                "tags", tags(names.display("unused-access")))));
    }

    /** CIS 4.16: Security Hub's findings of every region, seen from the home region. */
    void findingAggregator() {
        if (!settings.manageSecurityHub()) {
            return;
        }
        tf.resource("aws_securityhub_finding_aggregator", "main", map(
                "linking_mode", "ALL_REGIONS",
                "depends_on", list(Ref.resource("aws_securityhub_account", AwsRegions.alias(settings.homeRegion())).dependency())));
    }

    private Map<String, Object> protection() {
        return Tf.preventDestroy(!settings.allowDestroy());
    }
}
