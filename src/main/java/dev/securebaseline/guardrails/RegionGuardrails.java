package dev.securebaseline.guardrails;

import dev.securebaseline.settings.AccountSettings;
import dev.securebaseline.settings.AccountSettings.GuardDutyProtection;
import dev.securebaseline.settings.AwsRegions;
import dev.securebaseline.storage.PrivateBucket;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.AwsProvider;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.securebaseline.tf.Tf.expr;
import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * The guardrails of one region of an account: AWS Config, GuardDuty, Security Hub, IAM Access Analyzer,
 * EBS encryption by default and the default VPC's default security group. Every resource goes through
 * the region's aliased provider and is named for the region: {@code aws_guardduty_detector.eu_west_1}.
 */
public final class RegionGuardrails {

    /** AWS Config's own default name: a recorder or channel made in the console adopts without replacement. */
    static final String CONFIG_NAME = "default";
    /** The quickest finding export: Security Hub and EventBridge see a finding within 15 minutes. CKV2_AWS_80. */
    static final String FINDING_FREQUENCY = "FIFTEEN_MINUTES";
    /** Block every new public sharing of EBS snapshots (all existing public snapshots become private too). */
    static final String SNAPSHOT_SHARING = "block-all-sharing";
    /** The only state AWS offers for AMIs: no new public AMI. */
    static final String IMAGE_SHARING = "block-new-sharing";

    /**
     * What every region's Config recorder records through (Config's service-linked role) and delivers into: the
     * account's Config bucket, or in an organization the log archive's, with the key its objects are encrypted
     * with ({@code keyArn}, null for the bucket's default) and what must exist before a channel is created.
     */
    public record ConfigDelivery(Ref role, String bucket, String keyArn, List<String> before, Optional<String> ready) {

        static ConfigDelivery into(Ref role, PrivateBucket bucket) {
            return new ConfigDelivery(role, bucket.bucket().get("id"), null, List.of(bucket.bucketPolicy().dependency()), Optional.empty());
        }

        private String count() {
            return ready.map(Tf::countIf).orElse(null);
        }
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
    public static void write(Tf account, AwsContext regional, AccountSettings settings, Naming names, ConfigDelivery config) {
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
        region.instanceDefaults();
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
        // Config checks it can write to the bucket when the channel is created: the bucket policy must be in place first.
        String channelName = adopt.configDeliveryChannels().getOrDefault(aws.region(), CONFIG_NAME);
        // Where the bucket is another stack's (the log archive's), the channel and so the recording wait until it exists.
        Ref channel = tf.resource("aws_config_delivery_channel", suffix, map(
                "count", delivery.count(),
                "name", channelName,
                "s3_bucket_name", delivery.bucket(),
                "s3_kms_key_arn", delivery.keyArn(),
                "snapshot_delivery_properties", map("delivery_frequency", "TwentyFour_Hours"),
                "depends_on", dependsOn(recorder, delivery),
                "lifecycle", waitingProtection(delivery)));
        // A recorder can only start once it has a delivery channel.
        Ref status = tf.resource("aws_config_configuration_recorder_status", suffix, map(
                "count", delivery.count(),
                "name", recorder.get("name"),
                "is_enabled", true,
                "depends_on", list(channel.dependency()),
                "lifecycle", waitingProtection(delivery)));
        // AWS allows one recorder and one channel per region: an existing pair is taken over, not created again.
        if (adopt.configRecorders().containsKey(aws.region())) {
            tf.adopt(recorder, recorderName);
            adopt(delivery, status, recorderName);
        }
        if (adopt.configDeliveryChannels().containsKey(aws.region())) {
            adopt(delivery, channel, channelName);
        }
        // A channel and status written before they waited (the two-pass flow) are the same objects.
        delivery.ready().ifPresent(ready -> List.of(channel, status).forEach(tf::movedToFirstInstance));
    }

    /**
     * A channel or status counted on another stack's state would be destroyed, recording stopped, if that state stopped being
     * found (moved, deleted, another bucket named): protected like the recorder, the plan stops instead.
     */
    private Map<String, Object> waitingProtection(ConfigDelivery delivery) {
        return delivery.ready().isPresent() ? protection() : null;
    }

    private void adopt(ConfigDelivery delivery, Ref waiting, String id) {
        delivery.ready().ifPresentOrElse(ready -> tf.adoptWhen(ready, waiting, id), () -> tf.adopt(waiting, id));
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
     * here, FSBP and CIS v5.0.0: without {@code enable_default_standards = false} it subscribes to AWS's
     * defaults on its own. Outside the home region, the controls of global IAM resources are switched off.
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
        for (SecurityHubStandards.Standard standard : SecurityHubStandards.ALL) {
            Ref subscription = tf.resource("aws_securityhub_standards_subscription", suffix + "_" + standard.role(), map(
                    "standards_arn", standard.arn(aws.partitionName(), aws.region()),
                    "depends_on", list(hub.dependency())));
            // Enabling Security Hub subscribes FSBP by default: an adopted hub brings that subscription along.
            if (adopted && standard == SecurityHubStandards.FSBP) {
                tf.adopt(subscription, aws.arn("securityhub", "subscription/" + standard.path()));
            }
            if (!home) {
                globalControlsOff(standard, subscription);
            }
        }
    }

    private void globalControlsOff(SecurityHubStandards.Standard standard, Ref subscription) {
        for (String control : standard.globalControls()) {
            tf.resource("aws_securityhub_standards_control_association",
                    suffix + "_" + standard.role() + "_" + control.toLowerCase(Locale.ROOT).replace('.', '_'), map(
                            "standards_arn", subscription.get("standards_arn"),
                            "security_control_id", control,
                            "association_status", "DISABLED",
                            "updated_reason", SecurityHubStandards.reason(settings.homeRegion())));
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
     * The account's defaults for new instances, snapshots and images in the region: IMDSv2 required (CIS's
     * IMDSv2 control and FSBP EC2.8, for every instance launched without saying otherwise; the hop limit lets
     * containers reach it, see BASELINE_IMDS_HOP_LIMIT), no new public EBS snapshot (FSBP EC2.1) or AMI, and no
     * EC2 serial console, which reaches an instance around its network controls.
     */
    private void instanceDefaults() {
        tf.resource("aws_ec2_instance_metadata_defaults", suffix, map(
                "http_tokens", "required",
                "http_put_response_hop_limit", settings.imdsHopLimit(),
                "http_endpoint", "enabled",
                "instance_metadata_tags", "no-preference"));
        tf.resource("aws_ebs_snapshot_block_public_access", suffix, map("state", SNAPSHOT_SHARING));
        tf.resource("aws_ec2_image_block_public_access", suffix, map("state", IMAGE_SHARING));
        tf.resource("aws_ec2_serial_console_access", suffix, map("enabled", false));
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

    private static List<Object> dependsOn(Ref recorder, ConfigDelivery delivery) {
        List<Object> before = list(recorder.dependency());
        before.addAll(delivery.before());
        return before;
    }

    private Map<String, Object> protection() {
        return Tf.preventDestroy(!settings.allowDestroy());
    }
}
