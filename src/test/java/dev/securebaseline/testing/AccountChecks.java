package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.guardrails.SecurityHubStandards;
import dev.securebaseline.settings.AccountSettings;
import dev.securebaseline.settings.AwsRegions;
import dev.securebaseline.testing.PolicyChecks.Check;

import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static dev.securebaseline.testing.StackQueries.*;

/** The baseline's own pack (ids {@code SB_...}): the account-level and organization-wide controls checkov has no check for. */
final class AccountChecks {

    private AccountChecks() {
    }

    /**
     * The baseline's own account checks (id {@code SB_...}) for AWS's newer account-level controls, which
     * checkov has no check for: the account's defaults for new instances, snapshots and images, the serial
     * console, Config's service-linked role, the global controls outside the home region, and the opt-ins.
     */
    static final List<Check> DEFAULTS = List.of(
            Check.account("SB_IMDSV2_DEFAULT", "CIS 5.7 (v5.0), FSBP EC2.8 for new instances", "aws_ec2_instance_metadata_defaults",
                    s -> inEveryRegion(s, region -> {
                        String alias = AwsRegions.alias(region);
                        boolean required = s.hasResource("aws_ec2_instance_metadata_defaults", alias)
                                && s.resource("aws_ec2_instance_metadata_defaults", alias).path("http_tokens").asText().equals("required")
                                && s.resource("aws_ec2_instance_metadata_defaults", alias).path("http_put_response_hop_limit").asInt(0) >= 1;
                        return required ? List.of() : List.of("aws_ec2_instance_metadata_defaults." + alias);
                    })),
            Check.account("SB_SNAPSHOT_SHARING", "FSBP EC2.1 for new snapshots", "aws_ebs_snapshot_block_public_access",
                    s -> inEveryRegion(s, region -> inState(s, "aws_ebs_snapshot_block_public_access", region, "state",
                            Set.of("block-all-sharing", "block-new-sharing")))),
            Check.account("SB_IMAGE_SHARING", "no new public AMI", "aws_ec2_image_block_public_access",
                    s -> inEveryRegion(s, region -> inState(s, "aws_ec2_image_block_public_access", region, "state", Set.of("block-new-sharing")))),
            Check.account("SB_SERIAL_CONSOLE_OFF", "no EC2 serial console", "aws_ec2_serial_console_access",
                    s -> inEveryRegion(s, region -> inState(s, "aws_ec2_serial_console_access", region, "enabled", Set.of("false")))),
            Check.account("SB_CONFIG_SERVICE_LINKED_ROLE", "CIS 3.3 (v5.0), FSBP Config.1", "aws_config_configuration_recorder", s -> {
                if (!s.account().settings().manageConfig()) {
                    return List.of();
                }
                return inEveryRegion(s, region -> s.resource("aws_config_configuration_recorder", AwsRegions.alias(region))
                        .path("role_arn").asText().equals("${aws_iam_service_linked_role.config.arn}")
                        && s.resource("aws_iam_service_linked_role", "config").path("aws_service_name").asText().equals("config.amazonaws.com")
                        ? List.of() : List.of("aws_config_configuration_recorder." + AwsRegions.alias(region)));
            }),
            // AWS: controls of global resources run in the region that records them; elsewhere they only repeat it.
            Check.account("SB_GLOBAL_CONTROLS_ONCE", "Security Hub: controls that use global resources", "aws_securityhub_standards_subscription", s -> {
                if (!s.account().settings().manageSecurityHub()) {
                    return List.of();
                }
                List<String> regions = guardrailRegions(s);
                return regions.subList(1, regions.size()).stream().flatMap(region -> SecurityHubStandards.ALL.stream().flatMap(standard ->
                        standard.globalControls().stream().map(control -> "aws_securityhub_standards_control_association." + AwsRegions.alias(region)
                                + "_" + standard.role() + "_" + control.toLowerCase(java.util.Locale.ROOT).replace('.', '_'))
                                .filter(address -> !s.hasResource(type(address), name(address))
                                        || !s.resource(type(address), name(address)).path("association_status").asText().equals("DISABLED")))).toList();
            }),
            Check.account("CIS_3.8", "CIS 3.8/3.9 (v3.0), FSBP S3.22/S3.23, opt-in (BASELINE_TRAIL_DATA_EVENTS=s3)", "aws_cloudtrail", s -> {
                if (!s.account().settings().trailDataEvents().contains(AccountSettings.DataEvents.S3)) {
                    return List.of();
                }
                boolean logsObjects = StreamSupport.stream(s.resource("aws_cloudtrail", "main").path("advanced_event_selector").spliterator(), false)
                        .anyMatch(selector -> selector.path("field_selector").toString().contains("\"AWS::S3::Object\""));
                return logsObjects ? List.of() : List.of("aws_cloudtrail.main");
            }),
            Check.account("SB_UNUSED_ACCESS", "FSBP IAM.8 and CIS 1.12 (v5.0) findings, opt-in (BASELINE_UNUSED_ACCESS_ANALYZER=true)",
                    "aws_accessanalyzer_analyzer", s -> {
                        if (s.account().settings().unusedAccessAgeDays().isEmpty()) {
                            return List.of();
                        }
                        return s.hasResource("aws_accessanalyzer_analyzer", "unused_access")
                                && s.resource("aws_accessanalyzer_analyzer", "unused_access").path("type").asText().equals("ACCOUNT_UNUSED_ACCESS")
                                ? List.of() : List.of("aws_accessanalyzer_analyzer.unused_access");
                    }));

    /**
     * The organization-wide services, in the security stack of Organizations mode: GuardDuty enrolls every member
     * with S3 protection, Security Hub's central configuration enables FSBP and CIS v5.0.0 for the whole root.
     */
    static final List<Check> ORGANIZATION = List.of(
            new Check("SB_ORGANIZATION_GUARDDUTY", "FSBP GuardDuty.1 for every member", "aws_guardduty_organization_configuration",
                    (s, a, b) -> b.path("auto_enable_organization_members").asText().equals("ALL")
                            && s.hasResource("aws_guardduty_organization_configuration_feature", name(a) + "_s3_data_events")
                            && s.resource("aws_guardduty_organization_configuration_feature", name(a) + "_s3_data_events")
                            .path("auto_enable").asText().equals("ALL")),
            new Check("SB_ORGANIZATION_SECURITY_HUB", "CIS 4.16 (v3.0), FSBP SecurityHub.1 for every member, CIS v5.0.0",
                    "aws_securityhub_configuration_policy", (s, a, b) -> {
                        JsonNode policy = b.path("configuration_policy");
                        String standards = policy.path("enabled_standard_arns").toString();
                        boolean associatedWithTheRoot = s.resources("aws_securityhub_configuration_policy_association").values().stream()
                                .anyMatch(association -> association.path("policy_id").asText().equals("${" + a + ".id}")
                                        && association.path("target_id").asText().startsWith("r-"));
                        return policy.path("service_enabled").asBoolean(false) && associatedWithTheRoot
                                && standards.contains("aws-foundational-security-best-practices/v/1.0.0")
                                && standards.contains("cis-aws-foundations-benchmark/v/5.0.0");
                    }));
}
