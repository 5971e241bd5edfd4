package dev.securebaseline;

import dev.securebaseline.AccountSettings.GuardDutyProtection;
import dev.securebaseline.Tf.Ref;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.securebaseline.Tf.expr;
import static dev.securebaseline.Tf.list;
import static dev.securebaseline.Tf.map;
import static dev.securebaseline.Tf.tags;

/**
 * The guardrails of one region of an account: AWS Config, GuardDuty, Security Hub, IAM Access Analyzer,
 * EBS encryption by default and the default VPC's default security group. Every resource goes through
 * the region's aliased provider and is named for the region: {@code aws_guardduty_detector.eu_west_1}.
 */
final class RegionGuardrails {

    /** AWS Config's own default name: a recorder or channel made in the console adopts without replacement. */
    static final String CONFIG_NAME = "default";
    /** The quickest finding export: Security Hub and EventBridge see a finding within 15 minutes. CKV2_AWS_80. */
    static final String FINDING_FREQUENCY = "FIFTEEN_MINUTES";
    static final List<String> STANDARDS = List.of(
            "aws-foundational-security-best-practices/v/1.0.0",
            "cis-aws-foundations-benchmark/v/3.0.0");

    /** Where every region's Config recorder delivers: the account's Config bucket, through the Config role. */
    record ConfigDelivery(Ref role, Ref rolePolicy, PrivateBucket bucket) {
    }

    private final Tf tf;
    private final AwsContext aws;
    private final AccountSettings settings;
    private final Naming names;
    private final String suffix;
    private final boolean home;
    private final AccountSettings.Adoptions adopt;

    private RegionGuardrails(Tf account, AwsContext aws, AccountSettings settings, Naming names) {
        this.tf = account.withProvider(AwsProvider.in(aws.region()));
        this.aws = aws;
        this.settings = settings;
        this.names = names;
        this.suffix = AwsRegions.alias(aws.region());
        this.home = aws.region().equals(settings.homeRegion());
        this.adopt = settings.adoptions();
    }

    /** Writes the region's guardrails; {@code config} is null when the Organization runs Config. */
    static void write(Tf account, AwsContext regional, AccountSettings settings, Naming names, ConfigDelivery config) {
        RegionGuardrails region = new RegionGuardrails(account, regional, settings, names);
        if (settings.manageConfig()) {
            region.config(config);
        }
        if (settings.manageGuardDuty()) {
            region.guardDuty();
        }
        if (settings.manageSecurityHub()) {
            region.securityHub();
        }
        if (settings.manageAccessAnalyzer()) {
            region.accessAnalyzer();
        }
        region.ebsEncryptionByDefault();
        region.defaultVpcLockdown();
    }

    /**
     * CIS 3.3 (v3.0) / FSBP Config.1: record every supported resource type; IAM's global types only in the
     * home region, where they are recorded once instead of once per region (and paid for once).
     */
    private void config(ConfigDelivery delivery) {
        String recorderName = adopt.configRecorders().getOrDefault(aws.region(), CONFIG_NAME);
        Ref recorder = tf.resource("aws_config_configuration_recorder", suffix, map(
                "name", recorderName,
                "role_arn", delivery.role().get("arn"),
                "recording_group", map("all_supported", true, "include_global_resource_types", home),
                "recording_mode", map("recording_frequency", settings.configRecordingFrequency().name()),
                "lifecycle", protection()));
        // Config checks it can write to the bucket when the channel is created: the role policy and the
        // bucket policy must be in place first.
        String channelName = adopt.configDeliveryChannels().getOrDefault(aws.region(), CONFIG_NAME);
        Ref channel = tf.resource("aws_config_delivery_channel", suffix, map(
                "name", channelName,
                "s3_bucket_name", delivery.bucket().bucket().get("id"),
                "snapshot_delivery_properties", map("delivery_frequency", "TwentyFour_Hours"),
                "depends_on", list(recorder.dependency(), delivery.rolePolicy().dependency(),
                        delivery.bucket().bucketPolicy().dependency())));
        // A recorder can only start once it has a delivery channel.
        Ref status = tf.resource("aws_config_configuration_recorder_status", suffix, map(
                "name", recorder.get("name"),
                "is_enabled", true,
                "depends_on", list(channel.dependency())));
        // AWS allows one recorder and one channel per region: an existing pair is taken over, not created again.
        if (adopt.configRecorders().containsKey(aws.region())) {
            tf.adopt(recorder, recorderName);
            tf.adopt(status, recorderName);
        }
        if (adopt.configDeliveryChannels().containsKey(aws.region())) {
            tf.adopt(channel, channelName);
        }
    }

    /**
     * FSBP GuardDuty.1, with S3 protection. A new detector starts with every paid protection plan on
     * (runtime monitoring excepted), so each plan not asked for is written off explicitly.
     */
    private void guardDuty() {
        Ref detector = tf.resource("aws_guardduty_detector", suffix, map(
                "enable", true,
                "finding_publishing_frequency", FINDING_FREQUENCY,
                "tags", tags(names.display("guardduty")),
                "lifecycle", protection()));
        // A second detector in a region is refused ("detector already exists"): the existing one is taken over.
        String existing = adopt.guardDutyDetectors().get(aws.region());
        if (existing != null) {
            tf.adopt(detector, existing);
        }
        // One feature at a time: they all update the same detector.
        Ref previous = feature(detector, null, "S3_DATA_EVENTS", true);
        for (GuardDutyProtection plan : GuardDutyProtection.values()) {
            boolean wanted = settings.guardDutyProtections().contains(plan);
            if ((wanted || plan.onByDefault()) && plan.isOfferedIn(aws.region())) {
                previous = feature(detector, previous, plan.name(), wanted);
            }
        }
    }

    private Ref feature(Ref detector, Ref after, String feature, boolean enabled) {
        String status = enabled ? "ENABLED" : "DISABLED";
        Map<String, Object> body = map(
                "detector_id", detector.get("id"),
                "name", feature,
                "status", status,
                "depends_on", after == null ? null : list(after.dependency()));
        if (feature.equals(GuardDutyProtection.RUNTIME_MONITORING.name())) {
            // Without agent management the plan is on but watches nothing.
            body.put("additional_configuration", list(
                    map("name", "EKS_ADDON_MANAGEMENT", "status", status),
                    map("name", "ECS_FARGATE_AGENT_MANAGEMENT", "status", status),
                    map("name", "EC2_AGENT_MANAGEMENT", "status", status)));
        }
        return tf.resource("aws_guardduty_detector_feature", suffix + "_" + feature.toLowerCase(Locale.ROOT), body);
    }

    /**
     * CIS 4.16 (v3.0): Security Hub with consolidated control findings and exactly the standards named
     * here: without {@code enable_default_standards = false} it subscribes to AWS's defaults on its own.
     */
    private void securityHub() {
        Ref hub = tf.resource("aws_securityhub_account", suffix, map(
                "enable_default_standards", false,
                "control_finding_generator", "SECURITY_CONTROL",
                "auto_enable_controls", true,
                "lifecycle", map(
                        "prevent_destroy", settings.allowDestroy() ? null : true,
                        // Read only when Security Hub is enabled, never returned by AWS: a change, or an imported hub,
                        // must not replace (disable and re-enable) Security Hub.
                        "ignore_changes", list("enable_default_standards"))));
        boolean adopted = adopt.securityHub().contains(aws.region());
        if (adopted) {
            tf.adopt(hub, aws.accountId());
        }
        for (String standard : STANDARDS) {
            String role = standard.startsWith("cis") ? "cis" : "fsbp";
            Ref subscription = tf.resource("aws_securityhub_standards_subscription", suffix + "_" + role, map(
                    "standards_arn", "arn:" + aws.partitionName() + ":securityhub:" + aws.region() + "::standards/" + standard,
                    "depends_on", list(hub.dependency())));
            // Enabling Security Hub subscribes FSBP by default: an adopted hub brings that subscription along.
            if (adopted && role.equals("fsbp")) {
                tf.adopt(subscription, aws.arn("securityhub", "subscription/" + standard));
            }
        }
    }

    /** CIS 1.20 / FSBP IAM.28: external access findings for this account (AWS allows one such analyzer per region). */
    private void accessAnalyzer() {
        String existing = adopt.accessAnalyzers().get(aws.region());
        Ref analyzer = tf.resource("aws_accessanalyzer_analyzer", suffix, map(
                "analyzer_name", existing != null ? existing : names.unique("access-analyzer"),
                "type", "ACCOUNT",
                "tags", tags(names.display("access-analyzer"))));
        // The quota of one account-level analyzer per region cannot be raised: an existing one is taken over.
        if (existing != null) {
            tf.adopt(analyzer, existing);
        }
    }

    /**
     * CIS 2.2.1 / FSBP EC2.7. The default key stays AWS-managed {@code aws/ebs}: the environments' customer
     * keys grant only their own Auto Scaling role, so as the account default they would break every
     * other launcher.
     */
    private void ebsEncryptionByDefault() {
        tf.resource("aws_ebs_encryption_by_default", suffix, map(
                "enabled", true,
                "lifecycle", protection()));
    }

    /**
     * CIS 5.4 (v3.0) / FSBP EC2.2 in the default VPC: its default security group keeps no rule, where the
     * region still has a default VPC. Found by a lookup, never adopted with {@code aws_default_vpc}, which
     * creates a default VPC where the account deleted it. Destroying the group only forgets it.
     */
    private void defaultVpcLockdown() {
        Ref defaultVpc = tf.data("aws_vpcs", "default_" + suffix, map(
                "filter", list(map("name", "is-default", "values", list("true")))));
        tf.resource("aws_default_security_group", "default_vpc_" + suffix, map(
                "count", expr("length(" + defaultVpc.attr("ids") + ")"),
                "vpc_id", expr(defaultVpc.attr("ids") + "[count.index]"),
                "tags", tags("default-vpc-deny-all")));
    }

    private Map<String, Object> protection() {
        return Tf.preventDestroy(!settings.allowDestroy());
    }
}
