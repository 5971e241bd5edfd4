package dev.securebaseline.audit;

import dev.securebaseline.monitoring.Monitoring;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.settings.AccountSettings;
import dev.securebaseline.settings.AccountSettings.DataEvents;
import dev.securebaseline.storage.PrivateBucket;
import dev.securebaseline.storage.PrivateBucket.Encryption;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * What an account stack audits with, once per account in its home region: the audit key, the security alarm topic,
 * the audit buckets, the multi-region trail and its fifteen CIS alarms. The account's own settings and guardrails are
 * {@code AccountGuardrails}' and {@code RegionGuardrails}'.
 */
public final class AccountAudit {

    private final Tf tf;
    private final AwsContext aws;
    private final AccountSettings settings;
    private final Naming names;

    /** Writes through {@code tf}, whose provider is the home region's. */
    public AccountAudit(Tf tf, AwsContext aws, AccountSettings settings, Naming names) {
        this.tf = tf;
        this.aws = aws;
        this.settings = settings;
        this.names = names;
    }

    // ==================================================================== encryption and alarms

    /** CIS 3.5 (v3.0) / 3.7 (v1.4): the trail is encrypted with a customer key; 3.6 / 3.8: it rotates. */
    public Ref auditKey() {
        return AuditKeys.keyWithAlias(tf, names, "audit",
                "Encrypts the account's audit trail, its log group, the AWS Config history and the security alarm topic",
                Policies.auditKeyPolicy(aws, trailArn(), "log-group:" + names.logPath() + "/*", settings.manageConfig()),
                !settings.allowDestroy());
    }

    /**
     * The account's security alarm topic (the CIS alarms), encrypted with the audit key, with an optional
     * email subscription: the account's own, so that no environment stack has to exist for them to notify.
     */
    public Ref securityAlarmTopic(Ref key, Ref alarmEmail) {
        return Monitoring.alarmTopic(tf, aws, names, "security_alarms", "security_alarm_email", "security-alarms", key.get("arn"), alarmEmail);
    }

    // ==================================================================== storage

    public record AuditStorage(PrivateBucket trail, PrivateBucket config, PrivateBucket accessLogs) {
    }

    /** CIS 3.3 / 3.6 (v1.4), FSBP S3.1-S3.9: the trail and Config buckets, and the bucket that records who read them. */
    public AuditStorage auditStorage(Ref key) {
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

    public record Trail(Ref trail, Ref logGroup) {
    }

    /**
     * CIS 3.1 (multi-region), 3.2 (log file validation), 3.4 (CloudWatch Logs), 3.5 (SSE-KMS); with
     * {@code BASELINE_TRAIL_DATA_EVENTS}, CIS 3.8/3.9 (S3 object-level logging) and Lambda invocations.
     */
    public Trail trail(Ref key, AuditStorage storage, Ref logRetentionDays) {
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
    public record LogDelivery(Ref logGroup, Ref role, Ref rolePolicy) {

        /**
         * What every trail of the baseline is, whoever owns it: CIS 3.1 (multi-region, with the global services'
         * events), 3.2 (log file validation), 3.5 (SSE-KMS with {@code keyArn}), 3.4 (delivered here). The caller
         * adds its event selectors and what the trail waits for.
         */
        public Map<String, Object> trail(String name, String bucket, String keyArn, boolean protect) {
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
    public static LogDelivery logDelivery(Tf tf, Naming names, String keyArn, Object retentionDays, boolean protect, String trailName) {
        Ref logGroup = Monitoring.logGroup(tf, names, "trail", "cloudtrail", keyArn, retentionDays, protect);
        Ref role = tf.resource("aws_iam_role", "trail", map(
                "name_prefix", names.prefix("cloudtrail"),
                "description", "Lets CloudTrail deliver " + trailName + " to CloudWatch Logs",
                "assume_role_policy", Policies.assumeRoleWithoutSourceContext(Policies.CLOUDTRAIL).json(),
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
    public List<Ref> cisAlarms(Trail trail, Ref topic) {
        return CisControls.write(tf, names, trail.logGroup(), topic);
    }
}
