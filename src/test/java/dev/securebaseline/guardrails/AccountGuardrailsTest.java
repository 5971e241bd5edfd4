package dev.securebaseline.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.settings.AwsRegions;
import dev.securebaseline.testing.Configurations;
import dev.securebaseline.testing.Ec2Filters;
import dev.securebaseline.testing.Layouts;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.securebaseline.testing.Synthesized.texts;
import static dev.securebaseline.testing.Synthesized.ref;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account baseline in the stack that carries it: the guardrails of every region, each written
 * through its region's provider, and the account-wide IAM and S3 settings.
 */
class AccountGuardrailsTest {

    private static final List<String> REGIONS = AwsRegions.ENABLED_BY_DEFAULT;

    private final Synthesized stack = Synth.accountDefaults();

    private static String alias(String region) {
        return AwsRegions.alias(region);
    }

    @Test
    void everyPerRegionResourceIsNamedForItsRegionAndWrittenThroughThatRegionsProvider() {
        for (String type : List.of("aws_config_configuration_recorder", "aws_config_delivery_channel", "aws_config_configuration_recorder_status",
                "aws_guardduty_detector", "aws_securityhub_account", "aws_accessanalyzer_analyzer", "aws_ebs_encryption_by_default")) {
            assertThat(stack.resources(type).keySet()).as(type).containsExactlyInAnyOrderElementsOf(REGIONS.stream().map(AwsRegions::alias).toList());
            stack.resources(type).forEach((name, body) ->
                    assertThat(body.path("provider").asText()).as("%s.%s", type, name).isEqualTo("aws." + name));
        }
        stack.resources("aws_guardduty_detector_feature").forEach((name, body) ->
                assertThat(name).as(name).startsWith(body.path("provider").asText().substring(4) + "_"));
    }

    @Test
    void cis_3_3_configRecordsEveryResourceTypeEverywhereAndIamsGlobalTypesOnlyInTheHomeRegion() {
        for (String region : REGIONS) {
            JsonNode group = stack.resource("aws_config_configuration_recorder", alias(region)).path("recording_group");
            assertThat(group.path("all_supported").asBoolean()).as(region).isTrue();
            assertThat(group.path("include_global_resource_types").asBoolean()).as(region).isEqualTo(region.equals("us-east-1"));
            assertThat(stack.resource("aws_config_configuration_recorder", alias(region)).path("role_arn").asText())
                    .isEqualTo(ref("aws_iam_service_linked_role.config", "arn"));
            assertThat(stack.resource("aws_config_configuration_recorder_status", alias(region)).path("is_enabled").asBoolean()).isTrue();
            assertThat(stack.resource("aws_config_delivery_channel", alias(region)).path("s3_bucket_name").asText())
                    .isEqualTo(ref("aws_s3_bucket.config", "id"));
        }
    }

    @Test
    void configIsCreatedInTheOrderAwsAcceptsRecorderThenChannelThenStatus() {
        JsonNode channel = stack.resource("aws_config_delivery_channel", "eu_west_1");
        assertThat(texts(channel.path("depends_on"))).containsExactlyInAnyOrder("aws_config_configuration_recorder.eu_west_1",
                "aws_s3_bucket_policy.config");
        assertThat(texts(stack.resource("aws_config_configuration_recorder_status", "eu_west_1").path("depends_on")))
                .containsExactly("aws_config_delivery_channel.eu_west_1");
        assertThat(stack.resource("aws_config_configuration_recorder", "eu_west_1").path("name").asText())
                .as("AWS's own default name, so a recorder made in the console can be imported").isEqualTo("default");
    }

    /** CIS v5.0 3.3 / FSBP Config.1 fail a recorder that records through any other role. */
    @Test
    void configRecordsThroughItsServiceLinkedRoleTakenOverWhereItExistsAlready() {
        assertThat(stack.resource("aws_iam_service_linked_role", "config").path("aws_service_name").asText()).isEqualTo("config.amazonaws.com");
        JsonNode lookup = stack.data("aws_iam_roles", "config_service_linked");
        assertThat(lookup.path("path_prefix").asText()).isEqualTo("/aws-service-role/config.amazonaws.com/");
        assertThat(lookup.path("name_regex").asText()).isEqualTo("^AWSServiceRoleForConfig$");
        JsonNode adopt = stack.json().path("import").get(0);
        assertThat(adopt.path("to").asText()).isEqualTo("aws_iam_service_linked_role.config");
        assertThat(adopt.path("for_each").asText()).isEqualTo("${data.aws_iam_roles.config_service_linked.arns}");
        assertThat(adopt.path("id").asText()).isEqualTo("${each.value}");
        assertThat(stack.resources("aws_iam_role")).as("no role of our own for Config").doesNotContainKey("config");
        assertThat(stack.resources("aws_iam_role_policy")).doesNotContainKey("config");
    }

    @Test
    void continuousRecordingByDefaultAndDailyWhenAsked() {
        assertThat(stack.resource("aws_config_configuration_recorder", "us_east_1").path("recording_mode").path("recording_frequency").asText())
                .isEqualTo("CONTINUOUS");
        assertThat(Synth.accountOf(Map.of("BASELINE_CONFIG_RECORDING_FREQUENCY", "daily", "BASELINE_GUARDRAIL_REGIONS", "us-east-1"))
                .resource("aws_config_configuration_recorder", "us_east_1").path("recording_mode").path("recording_frequency").asText())
                .isEqualTo("DAILY");
    }

    @Test
    void guardDutyRunsEverywhereWithS3ProtectionAndEveryPaidPlanThatAwsWouldTurnOnWrittenOff() {
        for (String region : REGIONS) {
            JsonNode detector = stack.resource("aws_guardduty_detector", alias(region));
            assertThat(detector.path("enable").asBoolean()).isTrue();
            assertThat(detector.path("finding_publishing_frequency").asText()).isEqualTo("FIFTEEN_MINUTES");
            assertThat(detector.has("datasources")).as("the deprecated block would fight the features").isFalse();
            assertThat(feature(region, "s3_data_events").path("status").asText()).isEqualTo("ENABLED");
            for (String plan : List.of("eks_audit_logs", "ebs_malware_protection", "rds_login_events", "lambda_network_logs")) {
                assertThat(feature(region, plan).path("status").asText()).as("%s in %s", plan, region).isEqualTo("DISABLED");
                assertThat(feature(region, plan).path("detector_id").asText()).isEqualTo(ref("aws_guardduty_detector." + alias(region), "id"));
            }
            assertThat(stack.hasResource("aws_guardduty_detector_feature", alias(region) + "_runtime_monitoring"))
                    .as("runtime monitoring is off unless asked for, so it is not written").isFalse();
        }
    }

    @Test
    void guardDutyFeaturesUpdateTheDetectorOneAtATime() {
        assertThat(feature("us-east-1", "s3_data_events").has("depends_on")).isFalse();
        assertThat(texts(feature("us-east-1", "eks_audit_logs").path("depends_on")))
                .containsExactly("aws_guardduty_detector_feature.us_east_1_s3_data_events");
        assertThat(texts(feature("us-east-1", "lambda_network_logs").path("depends_on")))
                .containsExactly("aws_guardduty_detector_feature.us_east_1_rds_login_events");
    }

    @Test
    void aPaidPlanAskedForIsTurnedOnRuntimeMonitoringWithItsAgents() {
        Synthesized all = Configurations.account(Configurations.HTTPS_NAT_PER_ZONE);

        for (String plan : List.of("eks_audit_logs", "ebs_malware_protection", "rds_login_events", "lambda_network_logs", "runtime_monitoring")) {
            assertThat(all.resource("aws_guardduty_detector_feature", "eu_west_1_" + plan).path("status").asText()).as(plan).isEqualTo("ENABLED");
        }
        assertThat(all.resource("aws_guardduty_detector_feature", "eu_west_1_runtime_monitoring").path("additional_configuration"))
                .extracting(c -> c.path("name").asText() + "=" + c.path("status").asText())
                .containsExactlyInAnyOrder("EKS_ADDON_MANAGEMENT=ENABLED", "ECS_FARGATE_AGENT_MANAGEMENT=ENABLED", "EC2_AGENT_MANAGEMENT=ENABLED");
    }

    @Test
    void aGuardDutyPlanARegionDoesNotOfferIsNotWrittenThereEvenOff() {
        Synthesized taipei = Synth.accountOf(Map.of("BASELINE_GUARDRAIL_REGIONS", "us-east-1,ap-east-2",
                "BASELINE_GUARDDUTY_PROTECTIONS", "rds-login-events"));

        assertThat(taipei.resource("aws_guardduty_detector_feature", "us_east_1_rds_login_events").path("status").asText()).isEqualTo("ENABLED");
        assertThat(taipei.hasResource("aws_guardduty_detector_feature", "ap_east_2_rds_login_events")).isFalse();
        assertThat(texts(taipei.resource("aws_guardduty_detector_feature", "ap_east_2_lambda_network_logs").path("depends_on")))
                .as("the chain of updates skips it").containsExactly("aws_guardduty_detector_feature.ap_east_2_ebs_malware_protection");
    }

    @Test
    void cis_4_16_securityHubSubscribesToExactlyFsbpAndCisFiveAndNeverToItsDefaults() {
        for (String region : REGIONS) {
            JsonNode hub = stack.resource("aws_securityhub_account", alias(region));
            assertThat(hub.path("enable_default_standards").asBoolean(true)).as(region).isFalse();
            assertThat(hub.path("control_finding_generator").asText()).isEqualTo("SECURITY_CONTROL");
            assertThat(stack.resources("aws_securityhub_standards_subscription").keySet().stream().filter(n -> n.startsWith(alias(region) + "_")))
                    .containsExactlyInAnyOrder(alias(region) + "_fsbp", alias(region) + "_cis");
            assertThat(stack.resource("aws_securityhub_standards_subscription", alias(region) + "_fsbp").path("standards_arn").asText())
                    .isEqualTo("arn:${data.aws_partition.current.partition}:securityhub:" + region
                            + "::standards/aws-foundational-security-best-practices/v/1.0.0");
            assertThat(stack.resource("aws_securityhub_standards_subscription", alias(region) + "_cis").path("standards_arn").asText())
                    .isEqualTo("arn:${data.aws_partition.current.partition}:securityhub:" + region
                            + "::standards/cis-aws-foundations-benchmark/v/5.0.0");
            assertThat(texts(stack.resource("aws_securityhub_standards_subscription", alias(region) + "_cis").path("depends_on")))
                    .containsExactly("aws_securityhub_account." + alias(region));
        }
        JsonNode aggregator = stack.resource("aws_securityhub_finding_aggregator", "main");
        assertThat(aggregator.path("linking_mode").asText()).isEqualTo("ALL_REGIONS");
        assertThat(aggregator.path("provider").asText()).isEqualTo("aws.us_east_1");
        assertThat(stack.resources("aws_securityhub_finding_aggregator")).hasSize(1);
    }

    /** AWS: disable the controls of global resources in every region but the one that records them. */
    @Test
    void theControlsOfGlobalIamResourcesAreOffOutsideTheHomeRegionEachWithItsReason() {
        Map<String, JsonNode> associations = stack.resources("aws_securityhub_standards_control_association");
        assertThat(associations.keySet()).as("none in the home region").noneMatch(name -> name.startsWith("us_east_1_"));
        for (String region : REGIONS.subList(1, REGIONS.size())) {
            for (SecurityHubStandards.Standard standard : SecurityHubStandards.ALL) {
                List<String> off = associations.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(alias(region) + "_" + standard.role() + "_"))
                        .map(e -> e.getValue().path("security_control_id").asText()).toList();
                assertThat(off).as("%s %s", region, standard.role()).containsExactlyInAnyOrderElementsOf(standard.globalControls());
            }
        }
        JsonNode iam9 = stack.resource("aws_securityhub_standards_control_association", "eu_west_1_cis_iam_9");
        assertThat(iam9.path("association_status").asText()).isEqualTo("DISABLED");
        assertThat(iam9.path("standards_arn").asText()).isEqualTo(ref("aws_securityhub_standards_subscription.eu_west_1_cis", "standards_arn"));
        assertThat(iam9.path("updated_reason").asText()).contains("us-east-1");
        assertThat(iam9.path("provider").asText()).isEqualTo("aws.eu_west_1");
    }

    /** AWS's list (Security Hub user guide, CIS v5.0.0): every control named here belongs to its standard, or AWS refuses the association. */
    @Test
    void theGlobalControlsSwitchedOffAreIamAndKmsPolicyChecksOfTheirStandard() {
        assertThat(SecurityHubStandards.CIS.globalControls()).containsExactly("IAM.2", "IAM.3", "IAM.4", "IAM.5", "IAM.6", "IAM.9",
                "IAM.15", "IAM.16", "IAM.18", "IAM.22", "IAM.26", "IAM.27");
        assertThat(SecurityHubStandards.CIS.globalControls()).as("IAM.28 checks an analyzer of the region: regional")
                .doesNotContain("IAM.28");
        assertThat(SecurityHubStandards.FSBP.globalControls()).allMatch(control -> control.startsWith("IAM.") || control.startsWith("KMS."));
    }

    @Test
    void cis_1_20_anAccountLevelExternalAccessAnalyzerInEveryRegion() {
        REGIONS.forEach(region -> assertThat(stack.resource("aws_accessanalyzer_analyzer", alias(region)).path("type").asText()).isEqualTo("ACCOUNT"));
    }

    @Test
    void cis_2_2_1_ebsEncryptionByDefaultEverywhereKeepingTheAwsManagedKey() {
        REGIONS.forEach(region -> assertThat(stack.resource("aws_ebs_encryption_by_default", alias(region)).path("enabled").asBoolean()).isTrue());
        assertThat(stack.resources("aws_ebs_default_kms_key"))
                .as("the environments' keys grant only their own Auto Scaling role; as the default they would break other launchers").isEmpty();
    }

    @Test
    void cis_5_4_theDefaultVpcsDefaultSecurityGroupHasNoRuleInEveryRegionThatStillHasADefaultVpc() {
        for (String region : REGIONS) {
            JsonNode lookup = stack.data("aws_vpcs", "default_" + alias(region));
            assertThat(lookup.path("provider").asText()).isEqualTo("aws." + alias(region));
            assertThat(Ec2Filters.selected(lookup.path("filter"), Ec2Filters.A_REGION_IN_USE))
                    .as("%s selects the default VPC, never another team's", "data.aws_vpcs.default_" + alias(region))
                    .containsExactly("vpc-0default0000000001");
            JsonNode group = stack.resource("aws_default_security_group", "default_vpc_" + alias(region));
            assertThat(group.path("count").asText()).as("managed only where the lookup finds a default VPC")
                    .isEqualTo("${length(data.aws_vpcs.default_" + alias(region) + ".ids)}");
            assertThat(group.path("vpc_id").asText()).isEqualTo("${data.aws_vpcs.default_" + alias(region) + ".ids[count.index]}");
            assertThat(group.has("ingress") || group.has("egress")).isFalse();
            assertThat(group.path("provider").asText()).isEqualTo("aws." + alias(region));
        }
    }

    /** aws_default_vpc creates a default VPC (gateway, public subnets) where the account deleted it. */
    @Test
    void noStackOfAnyLayoutWritesADefaultVpc() {
        Layouts.all().keySet().forEach(layout -> Layouts.app(layout).forEach((name, synthesized) ->
                assertThat(synthesized.resources("aws_default_vpc")).as("%s: %s", layout, name).isEmpty()));
    }

    @Test
    void adoptedSingletonsAreImportedUnderTheirOwnNamesThroughTheirRegionsProvider() {
        Synthesized adopting = Synth.accountOf(Map.of(
                "BASELINE_ADOPT_GUARDDUTY_DETECTORS", "eu-west-1=0123456789abcdef0123456789abcdef",
                "BASELINE_ADOPT_SECURITY_HUB", "us-east-1",
                "BASELINE_ADOPT_CONFIG_RECORDERS", "eu-west-1=aws-controltower-BaselineConfigRecorder",
                "BASELINE_ADOPT_CONFIG_DELIVERY_CHANNELS", "eu-west-1=console-channel",
                "BASELINE_ADOPT_ACCESS_ANALYZERS", "us-east-1=ConsoleAnalyzer-1a2b"));
        Map<String, JsonNode> imports = new java.util.LinkedHashMap<>();
        adopting.json().path("import").forEach(block -> {
            if (!block.has("for_each")) {
                imports.put(block.path("to").asText(), block);
            }
        });

        assertThat(imports.keySet()).containsExactlyInAnyOrder("aws_guardduty_detector.eu_west_1", "aws_securityhub_account.us_east_1",
                "aws_securityhub_standards_subscription.us_east_1_fsbp", "aws_config_configuration_recorder.eu_west_1",
                "aws_config_configuration_recorder_status.eu_west_1", "aws_config_delivery_channel.eu_west_1",
                "aws_accessanalyzer_analyzer.us_east_1");
        assertThat(imports.get("aws_guardduty_detector.eu_west_1").path("id").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(imports.get("aws_guardduty_detector.eu_west_1").path("provider").asText()).isEqualTo("aws.eu_west_1");
        assertThat(imports.get("aws_securityhub_account.us_east_1").path("id").asText()).isEqualTo("${data.aws_caller_identity.current.account_id}");
        assertThat(imports.get("aws_securityhub_standards_subscription.us_east_1_fsbp").path("id").asText()).isEqualTo(
                "arn:${data.aws_partition.current.partition}:securityhub:us-east-1:${data.aws_caller_identity.current.account_id}"
                        + ":subscription/aws-foundational-security-best-practices/v/1.0.0");
        assertThat(adopting.resource("aws_config_configuration_recorder", "eu_west_1").path("name").asText())
                .isEqualTo("aws-controltower-BaselineConfigRecorder");
        assertThat(adopting.resource("aws_config_delivery_channel", "eu_west_1").path("name").asText()).isEqualTo("console-channel");
        assertThat(adopting.resource("aws_config_configuration_recorder", "us_east_1").path("name").asText()).isEqualTo("default");
        assertThat(adopting.resource("aws_accessanalyzer_analyzer", "us_east_1").path("analyzer_name").asText()).isEqualTo("ConsoleAnalyzer-1a2b");
        assertThat(stack.json().path("import")).as("nothing is imported unless a setting says it exists, or a lookup finds it")
                .allMatch(block -> block.has("for_each"));
    }

    /** enable_default_standards forces a new hub: an imported hub must never be disabled and enabled again. */
    @Test
    void securityHubIgnoresTheCreateOnlyDefaultStandardsFlag() {
        for (String region : REGIONS) {
            assertThat(stack.resource("aws_securityhub_account", alias(region)).path("lifecycle").path("ignore_changes").toString())
                    .contains("enable_default_standards");
        }
    }

    @Test
    void aServiceTheOrganizationRunsIsNotWrittenAtAll() {
        Synthesized organization = Synth.accountOf(Map.of("BASELINE_MANAGE_CONFIG", "false", "BASELINE_MANAGE_GUARDDUTY", "false",
                "BASELINE_MANAGE_SECURITY_HUB", "false", "BASELINE_MANAGE_ACCESS_ANALYZER", "false"));

        for (String type : List.of("aws_config_configuration_recorder", "aws_config_delivery_channel", "aws_config_configuration_recorder_status",
                "aws_guardduty_detector", "aws_guardduty_detector_feature", "aws_securityhub_account", "aws_securityhub_standards_subscription",
                "aws_securityhub_finding_aggregator", "aws_accessanalyzer_analyzer")) {
            assertThat(organization.resources(type)).as(type).isEmpty();
        }
        assertThat(organization.hasResource("aws_s3_bucket", "config")).isFalse();
        assertThat(organization.hasResource("aws_iam_role", "config")).isFalse();
        assertThat(organization.resources("aws_ebs_encryption_by_default")).hasSize(17);
        assertThat(organization.hasResource("aws_cloudtrail", "main")).isTrue();
    }

    @Test
    void cis_1_8_1_9_thePasswordPolicyIsLongEveryClassNoReuseAndNoForcedExpiryUnlessAsked() {
        JsonNode policy = stack.resource("aws_iam_account_password_policy", "main");

        assertThat(policy.path("minimum_password_length").asInt()).isEqualTo(14);
        assertThat(policy.path("password_reuse_prevention").asInt()).isEqualTo(24);
        for (String classOf : List.of("require_lowercase_characters", "require_uppercase_characters", "require_numbers", "require_symbols")) {
            assertThat(policy.path(classOf).asBoolean()).as(classOf).isTrue();
        }
        assertThat(policy.path("allow_users_to_change_password").asBoolean()).isTrue();
        assertThat(policy.has("max_password_age")).as("NIST SP 800-63B: no periodic change").isFalse();
        JsonNode asked = Synth.accountOf(Map.of("BASELINE_PASSWORD_MAX_AGE_DAYS", "90", "BASELINE_PASSWORD_MIN_LENGTH", "20"))
                .resource("aws_iam_account_password_policy", "main");
        assertThat(asked.path("max_password_age").asInt()).isEqualTo(90);
        assertThat(asked.path("minimum_password_length").asInt()).isEqualTo(20);
    }

    @Test
    void cis_1_17_aSupportRoleWithAwsSupportAccessAssumableByTheAccountsAdministrators() {
        assertThat(stack.resource("aws_iam_role_policy_attachment", "support").path("policy_arn").asText())
                .isEqualTo("arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSSupportAccess");
        assertThat(stack.resource("aws_iam_role_policy_attachment", "support").path("role").asText()).isEqualTo(ref("aws_iam_role.support", "name"));
        JsonNode trust = stack.statement("aws_iam_role", "support", "assume_role_policy", "AccountAdministratorsAssume");
        assertThat(trust.path("Principal").path("AWS").asText())
                .isEqualTo("arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root");
    }

    @Test
    void cis_2_1_4_s3BlockPublicAccessForTheWholeAccount() {
        JsonNode block = stack.resource("aws_s3_account_public_access_block", "main");
        for (String flag : List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")) {
            assertThat(block.path(flag).asBoolean()).as(flag).isTrue();
        }
    }

    @Test
    void cis_1_2_theSecurityContactIsSetOnlyWhenAnEmailIsGiven() {
        assertThat(stack.resources("aws_account_alternate_contact")).isEmpty();
        JsonNode contact = Configurations.account(Configurations.HTTPS_NAT_PER_ZONE).resource("aws_account_alternate_contact", "security");
        assertThat(contact.path("alternate_contact_type").asText()).isEqualTo("SECURITY");
        assertThat(contact.path("email_address").asText()).isEqualTo("security@acme-corp.io");
        assertThat(contact.path("phone_number").asText()).isEqualTo("+1 206 555 0100");
        assertThat(contact.path("name").asText()).isEqualTo("Security team");
    }

    @Test
    void theAccountBaselineIsTaggedAsTheAccountsNotAsAnEnvironments() {
        assertThat(stack.resource("aws_guardduty_detector", "eu_west_1").path("tags").path("Name").asText()).isEqualTo("baseline-account-guardduty");
        assertThat(stack.resource("aws_cloudtrail", "main").path("provider").asText()).isEqualTo("aws.us_east_1");
        JsonNode home = stack.json().path("provider").path("aws").get(0);
        assertThat(home.has("alias")).isFalse();
        assertThat(home.path("default_tags").path("tags").path("environment").asText()).isEqualTo("account");
        assertThat(home.path("default_tags").path("tags").path("account-stack").asText()).isEqualTo("baseline-account-default");
    }

    private JsonNode feature(String region, String plan) {
        return stack.resource("aws_guardduty_detector_feature", alias(region) + "_" + plan);
    }
}
