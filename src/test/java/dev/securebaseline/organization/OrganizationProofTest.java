package dev.securebaseline.organization;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.securebaseline.policy.AccessProofTest;
import dev.securebaseline.testing.BackgroundJobs;
import dev.securebaseline.testing.AccessPath;
import dev.securebaseline.testing.OrganizationAccessPaths;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.PolicyProofs;
import dev.securebaseline.testing.PolicyProofs.Proofs;
import dev.securebaseline.testing.PolicyProver;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example organization's proofs ({@link OrganizationAccessPaths}, run with the suite's other proofs and
 * decided in {@link AccessProofTest}): they cover what the issue asks, and they have teeth.
 */
@BackgroundJobs(order = 4, from = PolicyProofs.class)
class OrganizationProofTest {

    private static Proofs proofs;

    @BeforeAll
    static void proveOnce() {
        proofs = PolicyProofs.await();
    }

    @Test
    void everyDeployRoleIsProvedForEveryResourceTypeItsStackHolds() {
        Organizations.exampleApp().forEach((name, stack) -> {
            if (name.endsWith("-org") || name.endsWith("-bootstrap")) {
                return;
            }
            stack.json().path("resource").fieldNames().forEachRemaining(type -> assertThat(paths(p ->
                    p.path().startsWith("the deploy role of " + name + " manages " + type + " in ")))
                    .as("%s: %s", name, type).hasSize(1));
        });
    }

    @Test
    void everyGuardrailActionIsDeniedToAMembersAdministratorAndLeftToTheDeployRoleAndBreakGlass() {
        for (String action : OrganizationPolicies.GUARDRAIL_OFF_ACTIONS) {
            assertThat(paths(p -> p.path().endsWith(" calling " + action))).as(action).hasSize(3)
                    .anySatisfy(p -> assertThat(p.expect()).isEqualTo(AccessPath.Expect.DENIED));
        }
        assertThat(paths(p -> p.path().contains("root user") || p.path().contains("root session"))).hasSize(2);
        assertThat(paths(p -> p.path().contains("leaving the organization"))).hasSize(1);
        assertThat(paths(p -> p.path().startsWith("Config delivery ") && p.stack().contains("baseline-account-")))
                .as("5 accounts (management included) x 2 regions x 4").hasSize(40);
        assertThat(paths(p -> p.path().contains("outside account"))).as("the trusted deployer, and another outside account").hasSize(2);
    }

    /** Without the deploy role's exemption the member account stacks could not manage their own guardrails: the proofs say so. */
    @Test
    void guardrailPoliciesThatLockTheDeployRoleOutOrBlockRootSessionsAreCaught() {
        Map<String, Synthesized> app = new LinkedHashMap<>(Organizations.exampleApp());
        Synthesized org = app.get("baseline-org");
        app.put("baseline-org", org.broken(json -> {
            ObjectNode policy = (ObjectNode) json.path("resource").path("aws_organizations_policy").path("protect_the_organization");
            policy.put("content", policy.path("content").asText()
                    .replaceAll("\"arn:[^\"]*:iam::\\*:role/baseline-account-admin\",", "")
                    .replace(",\"Null\":{\"aws:AssumedRoot\":\"true\"}", ""));
        }));
        List<AccessPath> paths = OrganizationAccessPaths.of(Organizations.example(), app, "broken: ").stream()
                .filter(p -> p.path().equals("the account deploy role calling ec2:ModifyInstanceMetadataDefaults")
                        || p.path().startsWith("a root session opened by centralized root access")).toList();

        PolicyProver.Results results = PolicyProver.run("organization-teeth", List.of(), paths.stream().map(p -> p.request().toJson(p.id())).toList());

        assertThat(paths).hasSize(2);
        for (AccessPath path : paths) {
            assertThat(results.requests().get(path.id()).decision()).as(path.id()).isEqualTo("ExplicitlyDenied");
        }
    }

    private static List<AccessPath> paths(java.util.function.Predicate<AccessPath> which) {
        return proofs.paths().stream().filter(p -> p.stack().startsWith(PolicyProofs.ORGANIZATION)).filter(which).toList();
    }
}
