package dev.securebaseline.guardrails;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.securebaseline.testing.Configurations;
import dev.securebaseline.testing.Layouts;
import dev.securebaseline.testing.PolicyChecks;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;

import static dev.securebaseline.testing.PolicySuite.assertCatches;
import static dev.securebaseline.testing.PolicySuite.assertControl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account baseline and the network ACLs, control by control, both ways: every supported configuration
 * passes (or fails only where a documented exception says so), and a copy broken on purpose is caught.
 */
class AccountControlsTest {

    private final Synthesized owner = Synth.accountDefaults();
    private final Synthesized dev = Synth.defaults();

    private static ObjectNode resource(ObjectNode json, String type, String name) {
        return (ObjectNode) json.path("resource").path(type).path(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_1_8_FSBP_IAM_15_CKV_AWS_10_passwordsAreAtLeastFourteenCharacters(String configuration) {
        assertControl("CKV_AWS_10", configuration);
    }

    @Test
    void cis_1_8_CKV_AWS_10_aShortPasswordPolicyIsCaught() {
        assertCatches("CKV_AWS_10", owner.broken(json -> resource(json, "aws_iam_account_password_policy", "main")
                .put("minimum_password_length", 8)), "aws_iam_account_password_policy.main");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_1_9_FSBP_IAM_16_CKV_AWS_13_theLast24PasswordsCannotBeReused(String configuration) {
        assertControl("CKV_AWS_13", configuration);
    }

    @Test
    void cis_1_9_CKV_AWS_13_aShortReuseMemoryIsCaught() {
        assertCatches("CKV_AWS_13", owner.broken(json -> resource(json, "aws_iam_account_password_policy", "main")
                .put("password_reuse_prevention", 5)), "aws_iam_account_password_policy.main");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_IAM_7_CKV_AWS_11_12_14_15_passwordsNeedEveryCharacterClass(String configuration) {
        for (String check : new String[]{"CKV_AWS_11", "CKV_AWS_12", "CKV_AWS_14", "CKV_AWS_15"}) {
            assertControl(check, configuration);
        }
    }

    @Test
    void FSBP_IAM_7_CKV_AWS_14_aPolicyWithoutSymbolsIsCaught() {
        assertCatches("CKV_AWS_14", owner.broken(json -> resource(json, "aws_iam_account_password_policy", "main")
                .put("require_symbols", false)), "aws_iam_account_password_policy.main");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_9_noForcedExpiryIsADocumentedExceptionAndAnExpiryWhenAskedPasses(String configuration) {
        assertControl("CKV_AWS_9", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_1_17_FSBP_IAM_18_aSupportRoleHasAwsSupportAccess(String configuration) {
        assertControl("CIS_1.17", configuration);
    }

    @Test
    void cis_1_17_aMissingSupportRoleIsCaught() {
        assertCatches("CIS_1.17", owner.broken(json -> ((ObjectNode) json.path("resource").path("aws_iam_role_policy_attachment"))
                .remove("support")), "aws_iam_role.support");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_1_20_FSBP_IAM_28_anAccessAnalyzerInEveryGuardrailRegion(String configuration) {
        assertControl("CIS_1.20", configuration);
    }

    @Test
    void cis_1_20_aRegionWithoutAnAnalyzerIsCaught() {
        assertCatches("CIS_1.20", owner.broken(json -> ((ObjectNode) json.path("resource").path("aws_accessanalyzer_analyzer"))
                .remove("ap_south_1")), "aws_accessanalyzer_analyzer.ap_south_1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_2_1_4_FSBP_S3_1_theAccountBlocksPublicAccessToEveryBucket(String configuration) {
        assertControl("CIS_2.1.4", configuration);
    }

    @Test
    void cis_2_1_4_anAccountBlockMissingAFlagIsCaught() {
        assertCatches("CIS_2.1.4", owner.broken(json -> resource(json, "aws_s3_account_public_access_block", "main")
                .put("ignore_public_acls", false)), "aws_s3_account_public_access_block.main");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_2_2_1_FSBP_EC2_7_CKV_AWS_106_ebsEncryptionByDefaultInEveryGuardrailRegion(String configuration) {
        assertControl("CIS_2.2.1", configuration);
        assertControl("CKV_AWS_106", configuration);
    }

    @Test
    void cis_2_2_1_aRegionWithoutEbsEncryptionByDefaultIsCaught() {
        Synthesized broken = owner.broken(json -> resource(json, "aws_ebs_encryption_by_default", "sa_east_1").put("enabled", false));
        assertCatches("CIS_2.2.1", broken, "aws_ebs_encryption_by_default.sa_east_1");
        assertCatches("CKV_AWS_106", broken, "aws_ebs_encryption_by_default.sa_east_1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_3_3_FSBP_Config_1_CKV2_AWS_45_configRecordsEverythingInEveryGuardrailRegion(String configuration) {
        assertControl("CIS_3.3", configuration);
        assertControl("CKV2_AWS_45", configuration);
        assertControl("CKV2_AWS_48", configuration);
    }

    @Test
    void cis_3_3_aRegionWithoutARecorderAndOneRecordingGlobalTypesAgainAreCaught() {
        assertCatches("CIS_3.3", owner.broken(json -> ((ObjectNode) json.path("resource").path("aws_config_configuration_recorder_status"))
                .remove("eu_north_1")), "aws_config_configuration_recorder_status.eu_north_1");
        assertCatches("CIS_3.3", owner.broken(json -> ((ObjectNode) resource(json, "aws_config_configuration_recorder", "eu_west_1")
                .path("recording_group")).put("include_global_resource_types", true)), "aws_config_configuration_recorder.eu_west_1");
        assertCatches("CKV2_AWS_45", owner.broken(json -> resource(json, "aws_config_configuration_recorder_status", "eu_west_1")
                .put("is_enabled", false)), "aws_config_configuration_recorder_status.eu_west_1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_4_16_securityHubWithItsStandardsInEveryGuardrailRegionAndOneAggregator(String configuration) {
        assertControl("CIS_4.16", configuration);
    }

    @Test
    void cis_4_16_defaultStandardsSwitchingThemselvesOnAndAMissingAggregatorAreCaught() {
        assertCatches("CIS_4.16", owner.broken(json -> resource(json, "aws_securityhub_account", "ca_central_1")
                .put("enable_default_standards", true)), "aws_securityhub_account.ca_central_1");
        assertCatches("CIS_4.16", owner.broken(json -> ((ObjectNode) json.path("resource").path("aws_securityhub_finding_aggregator"))
                .remove("main")), "aws_securityhub_finding_aggregator.main");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_GuardDuty_1_CKV2_AWS_80_guardDutyWithS3ProtectionInEveryRegionPublishingQuickly(String configuration) {
        assertControl("FSBP_GuardDuty.1", configuration);
        assertControl("CKV2_AWS_80", configuration);
        assertControl("CKV2_AWS_3", configuration);
    }

    @Test
    void FSBP_GuardDuty_1_aRegionWithoutS3ProtectionOrWithSlowFindingsIsCaught() {
        assertCatches("FSBP_GuardDuty.1", owner.broken(json -> resource(json, "aws_guardduty_detector_feature", "us_west_2_s3_data_events")
                .put("status", "DISABLED")), "aws_guardduty_detector.us_west_2");
        assertCatches("CKV2_AWS_80", owner.broken(json -> resource(json, "aws_guardduty_detector", "us_west_2")
                .put("finding_publishing_frequency", "SIX_HOURS")), "aws_guardduty_detector.us_west_2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_5_4_FSBP_EC2_2_theDefaultVpcsDefaultSecurityGroupsHaveNoRule(String configuration) {
        assertControl("CIS_5.4", configuration);
        // checkov's CKV_AWS_148: aws_default_vpc recreates a default VPC the account deleted; none is written.
        assertThat(Configurations.account(configuration).resources("aws_default_vpc")).as("aws_default_vpc in %s", configuration).isEmpty();
    }

    @Test
    void cis_5_4_aDefaultVpcWhoseDefaultGroupKeepsARuleIsCaught() {
        assertCatches("CIS_5.4", owner.broken(json -> resource(json, "aws_default_security_group", "default_vpc_eu_west_2")
                .putArray("ingress").addObject().put("protocol", "-1")), "data.aws_vpcs.default_eu_west_2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_5_1_FSBP_EC2_21_CKV_AWS_229_230_231_232_noNetworkAclAdmitsTheInternetToAdministrationPorts(String configuration) {
        for (String check : new String[]{"CKV_AWS_229", "CKV_AWS_230", "CKV_AWS_231", "CKV_AWS_232", "CKV_AWS_352", "CKV2_AWS_24", "CIS_5.1"}) {
            assertControl(check, configuration);
        }
    }

    @Test
    void cis_5_1_anEphemeralRangeThatReachesRdpAndASubnetOutsideEveryAclAreCaught() {
        Synthesized wide = dev.broken(json -> resource(json, "aws_network_acl_rule", "public_in_replies_above_rdp").put("from_port", 1024));
        assertCatches("CKV_AWS_231", wide, "aws_network_acl_rule.public_in_replies_above_rdp");
        Synthesized sshOpen = dev.broken(json -> resource(json, "aws_network_acl_rule", "private_in_replies_below_rdp").put("from_port", 0));
        assertCatches("CKV_AWS_232", sshOpen, "aws_network_acl_rule.private_in_replies_below_rdp");
        assertCatches("CKV_AWS_352", sshOpen, "aws_network_acl_rule.private_in_replies_below_rdp");
        assertCatches("CIS_5.1", dev.broken(json -> resource(json, "aws_network_acl", "private").putArray("subnet_ids")
                .add("${aws_subnet.private_a.id}")), "aws_subnet.private_b");
    }

    // ---------------------------------------------------------------- AWS's newer account-level controls

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void newInstancesRequireImdsV2AndNothingNewBecomesPublicAndTheSerialConsoleIsOff(String configuration) {
        for (String check : new String[]{"SB_IMDSV2_DEFAULT", "SB_SNAPSHOT_SHARING", "SB_IMAGE_SHARING", "SB_SERIAL_CONSOLE_OFF"}) {
            assertControl(check, configuration);
        }
    }

    @Test
    void aRegionThatAllowsImdsV1PublicSnapshotsOrImagesOrTheSerialConsoleIsCaught() {
        assertCatches("SB_IMDSV2_DEFAULT", owner.broken(json -> resource(json, "aws_ec2_instance_metadata_defaults", "ap_south_1")
                .put("http_tokens", "optional")), "aws_ec2_instance_metadata_defaults.ap_south_1");
        assertCatches("SB_SNAPSHOT_SHARING", owner.broken(json -> resource(json, "aws_ebs_snapshot_block_public_access", "eu_north_1")
                .put("state", "unblocked")), "aws_ebs_snapshot_block_public_access.eu_north_1");
        assertCatches("SB_IMAGE_SHARING", owner.broken(json -> ((ObjectNode) json.path("resource").path("aws_ec2_image_block_public_access"))
                .remove("sa_east_1")), "aws_ec2_image_block_public_access.sa_east_1");
        assertCatches("SB_SERIAL_CONSOLE_OFF", owner.broken(json -> resource(json, "aws_ec2_serial_console_access", "us_west_2")
                .put("enabled", true)), "aws_ec2_serial_console_access.us_west_2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_3_3_v5_FSBP_Config_1_configRecordsThroughItsServiceLinkedRole(String configuration) {
        assertControl("SB_CONFIG_SERVICE_LINKED_ROLE", configuration);
    }

    @Test
    void aRecorderThroughARoleOfOurOwnIsCaught() {
        assertCatches("SB_CONFIG_SERVICE_LINKED_ROLE", owner.broken(json -> resource(json, "aws_config_configuration_recorder", "eu_west_3")
                .put("role_arn", "${aws_iam_role.config.arn}")), "aws_config_configuration_recorder.eu_west_3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void theGlobalIamControlsRunOnlyInTheHomeRegion(String configuration) {
        assertControl("SB_GLOBAL_CONTROLS_ONCE", configuration);
    }

    @Test
    void aGlobalControlLeftOnOutsideTheHomeRegionIsCaughtAndCisThreeInsteadOfFiveToo() {
        assertCatches("SB_GLOBAL_CONTROLS_ONCE", owner.broken(json -> resource(json, "aws_securityhub_standards_control_association",
                "ap_northeast_1_cis_iam_9").put("association_status", "ENABLED")), "aws_securityhub_standards_control_association.ap_northeast_1_cis_iam_9");
        assertCatches("SB_GLOBAL_CONTROLS_ONCE", owner.broken(json -> ((ObjectNode) json.path("resource")
                .path("aws_securityhub_standards_control_association")).remove("eu_west_1_fsbp_kms_2")),
                "aws_securityhub_standards_control_association.eu_west_1_fsbp_kms_2");
        assertCatches("CIS_4.16", owner.broken(json -> resource(json, "aws_securityhub_standards_subscription", "eu_central_1_cis")
                .put("standards_arn", "arn:${data.aws_partition.current.partition}:securityhub:eu-central-1::standards/cis-aws-foundations-benchmark/v/3.0.0")),
                "aws_securityhub_account.eu_central_1");
    }

    /** Opt-ins: checked where the settings ask for them (the production configuration asks for both). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_3_8_3_9_objectLevelLoggingAndTheUnusedAccessAnalyzerWhereAskedFor(String configuration) {
        assertControl("CIS_3.8", configuration);
        assertControl("SB_UNUSED_ACCESS", configuration);
    }

    @Test
    void optInsAskedForButMissingAreCaughtAndNotAskedForAreNotWritten() {
        Synthesized production = Configurations.account(Configurations.HTTPS_NAT_PER_ZONE);
        assertCatches("CIS_3.8", production.broken(json -> resource(json, "aws_cloudtrail", "main").remove("advanced_event_selector")),
                "aws_cloudtrail.main");
        assertCatches("SB_UNUSED_ACCESS", production.broken(json -> ((ObjectNode) json.path("resource").path("aws_accessanalyzer_analyzer"))
                .remove("unused_access")), "aws_accessanalyzer_analyzer.unused_access");
        assertThat(owner.hasResource("aws_accessanalyzer_analyzer", "unused_access")).as("paid: off unless asked").isFalse();
        assertThat(owner.resource("aws_cloudtrail", "main").has("advanced_event_selector")).as("billed per event: off unless asked").isFalse();
    }

    @Test
    void theAccountControlsHoldInEveryLayoutsStacks() {
        for (Map<String, String> layout : Layouts.all().values()) {
            Synth.app(layout).forEach((name, stack) -> PolicyChecks.ALL.stream().filter(check -> check.accountRule() != null)
                    .forEach(check -> org.assertj.core.api.Assertions.assertThat(check.failures(stack)).as("%s in %s", check.id(), name).isEmpty()));
        }
    }
}
