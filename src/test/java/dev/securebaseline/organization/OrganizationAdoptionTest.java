package dev.securebaseline.organization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.Organization;
import dev.securebaseline.testing.Layouts;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import dev.securebaseline.testing.TerraformModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.securebaseline.testing.Synthesized.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adopting an organization that already runs things, read from the JSON and the file: every account but management is under
 * every guardrail policy whatever the file's {@code policy_targets}, every write to Organizations waits for the one before,
 * and Security Hub runs exactly where the other guardrails do, with the standalone account stacks' standards.
 */
class OrganizationAdoptionTest {

    /** The resources whose creation is a write to AWS Organizations (directly, or through the service that registers itself). */
    private static final Set<String> ORGANIZATIONS_WRITES = Set.of("aws_iam_organizations_features", "aws_organizations_delegated_administrator",
            "aws_cloudtrail_organization_delegated_admin_account", "aws_securityhub_organization_admin_account",
            "aws_guardduty_organization_admin_account", "aws_organizations_policy", "aws_organizations_policy_attachment");

    @ParameterizedTest(name = "policy_targets = {0}")
    @ValueSource(strings = {"root", "workload_organizational_units"})
    void everyAccountButManagementIsUnderEveryServiceAndResourceControlPolicy(String targets) {
        Map<String, String> settings = Organizations.withFile("targets-" + targets, file -> file.put("policy_targets", targets));
        Organization organization = AppSettings.fromEnvironment(settings).organization().orElseThrow().organization();
        Synthesized org = Synth.app(settings).get("baseline-org");

        Map<String, Set<String>> targetsByPolicy = attachedTargets(org);
        assertThat(targetsByPolicy.keySet()).as("every policy of the org stack").containsExactlyInAnyOrderElementsOf(org.resources(
                "aws_organizations_policy").keySet().stream().map(name -> "aws_organizations_policy." + name).toList());
        for (Organization.Workload account : organization.memberAccounts()) {
            Set<String> reachedThrough = new LinkedHashSet<>(List.of(organization.rootId(), account.accountId()));
            account.organizationalUnit().ifPresent(reachedThrough::add);
            targetsByPolicy.forEach((policy, attachedTo) -> assertThat(attachedTo)
                    .as("%s reaches account %s (%s) through the root, its unit or itself", policy, account.accountId(), account.label())
                    .containsAnyElementsOf(reachedThrough));
        }
        targetsByPolicy.forEach((policy, attachedTo) -> assertThat(attachedTo).as("%s: an SCP has no effect on management", policy)
                .doesNotContain(organization.management().accountId()));
    }

    @Test
    void everyWriteToOrganizationsWaitsForTheOneBeforeInOneChain() {
        for (Map<String, String> settings : List.of(Organizations.example(), Organizations.withFile("chain-adopting", file -> file
                .put("adopt_delegated_administrators", true).put("policy_targets", "workload_organizational_units")))) {
            Synthesized org = Synth.app(settings).get("baseline-org");
            Map<String, String> after = new LinkedHashMap<>();
            org.json().path("resource").properties().forEach(type -> {
                if (ORGANIZATIONS_WRITES.contains(type.getKey())) {
                    type.getValue().properties().forEach(resource -> {
                        List<String> waitsFor = texts(resource.getValue().path("depends_on"));
                        String address = type.getKey() + "." + resource.getKey();
                        assertThat(waitsFor).as("%s waits for exactly one write", address).hasSize(1);
                        assertThat(after.put(waitsFor.get(0), address)).as("%s and another both follow %s", address, waitsFor.get(0)).isNull();
                    });
                }
            });
            List<String> chain = new ArrayList<>();
            for (String link = after.get("aws_organizations_organization.main"); link != null; link = after.get(link)) {
                chain.add(link);
            }
            assertThat(chain).as("one chain from the organization through every write").hasSize(after.size())
                    .filteredOn(a -> a.startsWith("aws_organizations_delegated_administrator.") || a.contains("_admin_account."))
                    .hasSize(7);
        }
    }

    /**
     * Central configuration applies its policy in the home region and every linked region: the aggregator links exactly the
     * other guardrail regions (none with one region), and the policy enables what a standalone account stack subscribes to in
     * its home region, disabling nothing (central configuration turns global-resource controls off outside the home region).
     */
    @Test
    void securityHubRunsInTheGuardrailRegionsOnlyWithTheStandaloneAccountsStandards() {
        Synthesized security = Organizations.exampleApp().get("baseline-security");
        JsonNode aggregator = security.resource("aws_securityhub_finding_aggregator", "main");
        assertThat(aggregator.path("linking_mode").asText()).isEqualTo("SPECIFIED_REGIONS");
        assertThat(texts(aggregator.path("specified_regions"))).containsExactly("eu-west-1");

        Synthesized standalone = Layouts.app(Layouts.ONE_IMPLICIT_ACCOUNT).get("baseline-account-default");
        List<String> standaloneHome = standalone.resources("aws_securityhub_standards_subscription").entrySet().stream()
                .filter(e -> e.getKey().startsWith("us_east_1_")).map(e -> e.getValue().path("standards_arn").asText()).toList();
        JsonNode policy = security.resource("aws_securityhub_configuration_policy", "baseline").path("configuration_policy");
        assertThat(texts(policy.path("enabled_standard_arns"))).containsExactlyInAnyOrderElementsOf(standaloneHome);
        assertThat(standalone.resources("aws_securityhub_standards_control_association").keySet())
                .as("the standalone stack disables nothing in its home region").noneMatch(name -> name.startsWith("us_east_1_"));
        assertThat(policy.path("security_controls_configuration").path("disabled_control_identifiers")).isEmpty();

        Synthesized oneRegion = Synth.app(Organizations.withFile("one-region", file -> file.putArray("guardrail_regions").add("us-east-1")))
                .get("baseline-security");
        assertThat(oneRegion.resource("aws_securityhub_finding_aggregator", "main").path("linking_mode").asText()).isEqualTo("NO_REGIONS");
    }

    /** Policy address → the ids it is attached to, a unit's lookup resolved to the unit it looks up. */
    static Map<String, Set<String>> attachedTargets(Synthesized org) {
        Map<String, Set<String>> targets = new LinkedHashMap<>();
        org.resources("aws_organizations_policy_attachment").values().forEach(attachment -> {
            String policy = TerraformModel.referencedAddress(attachment.path("policy_id").asText());
            String target = attachment.path("target_id").asText();
            java.util.regex.Matcher lookup = java.util.regex.Pattern.compile("\\$\\{data\\.([a-z0-9_]+)\\.([a-z0-9_]+)\\.id}").matcher(target);
            if (lookup.matches()) {
                target = org.data(lookup.group(1), lookup.group(2)).path("parent_id").asText();
            }
            targets.computeIfAbsent(policy, k -> new LinkedHashSet<>()).add(target);
        });
        return targets;
    }
}
