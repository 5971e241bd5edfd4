package dev.securebaseline.organization;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.PolicyChecks;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.securebaseline.testing.PolicySuite.assertCatches;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organization-wide controls of Organizations mode, both ways: the example organization passes them, and a
 * copy broken on purpose is caught. Where a member account does not run GuardDuty, Security Hub or Access Analyzer
 * itself, the account checks leave them to these.
 */
class OrganizationControlsTest {

    private final Synthesized security = Organizations.exampleApp().get("baseline-security");
    private final Synthesized member = Organizations.exampleApp().get("baseline-account-shared");

    private static ObjectNode resource(ObjectNode json, String type, String name) {
        return (ObjectNode) json.path("resource").path(type).path(name);
    }

    @Test
    void guardDutyAndSecurityHubCoverEveryMemberFromTheSecurityAccount() {
        for (String check : List.of("SB_ORGANIZATION_GUARDDUTY", "SB_ORGANIZATION_SECURITY_HUB")) {
            assertThat(PolicyChecks.withId(check).stream().flatMap(c -> c.failures(security).stream())).as(check).isEmpty();
        }
        for (String check : List.of("FSBP_GuardDuty.1", "CIS_4.16", "CIS_1.20")) {
            assertThat(PolicyChecks.withId(check).stream().flatMap(c -> c.failures(member).stream()))
                    .as("%s in a member: the organization runs it", check).isEmpty();
        }
    }

    @Test
    void aRegionWhereNewMembersAreNotEnrolledAndAPolicyWithoutCisFiveAreCaught() {
        assertCatches("SB_ORGANIZATION_GUARDDUTY", security.broken(json -> resource(json, "aws_guardduty_organization_configuration", "eu_west_1")
                .put("auto_enable_organization_members", "NEW")), "aws_guardduty_organization_configuration.eu_west_1");
        assertCatches("SB_ORGANIZATION_GUARDDUTY", security.broken(json -> resource(json, "aws_guardduty_organization_configuration_feature",
                "us_east_1_s3_data_events").put("auto_enable", "NONE")), "aws_guardduty_organization_configuration.us_east_1");
        assertCatches("SB_ORGANIZATION_SECURITY_HUB", security.broken(json -> ((ObjectNode) resource(json, "aws_securityhub_configuration_policy",
                "baseline").path("configuration_policy")).putArray("enabled_standard_arns")
                .add("arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0")),
                "aws_securityhub_configuration_policy.baseline");
        assertCatches("SB_ORGANIZATION_SECURITY_HUB", security.broken(json -> ((ObjectNode) json.path("resource"))
                .remove("aws_securityhub_configuration_policy_association")), "aws_securityhub_configuration_policy.baseline");
    }
}
