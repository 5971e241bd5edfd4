package dev.securebaseline.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.securebaseline.testing.BackgroundJobs;
import dev.securebaseline.testing.AccessPath;
import dev.securebaseline.testing.Layouts;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.PipelineAccessPaths;
import dev.securebaseline.testing.PolicyProofs;
import dev.securebaseline.testing.PolicyProver;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline's roles in every account of every pipeline app: each has its proofs in the suite (who may assume it, what it
 * may do, its state roles), and those proofs fail on the defects they guard: a subject with a wildcard, a trust without an
 * audience, a plan role that can write.
 */
@BackgroundJobs(order = 4, from = PolicyProofs.class)
class PipelineRolesTest {

    private static PolicyProofs.Proofs proofs;
    private static Map<String, Map<String, Synthesized>> apps;

    @BeforeAll
    static void prove() {
        apps = new LinkedHashMap<>();
        apps.put(Layouts.PIPELINE_ONE_ACCOUNT + ": ", Layouts.app(Layouts.PIPELINE_ONE_ACCOUNT));
        apps.put(Layouts.PIPELINE_TWO_ACCOUNTS + ": ", Layouts.app(Layouts.PIPELINE_TWO_ACCOUNTS));
        apps.put(PolicyProofs.ORGANIZATION_WITH_A_PIPELINE, Organizations.withPipelineApp());
        proofs = PolicyProofs.await();
    }

    @Test
    void everyAccountOfEveryPipelineAppHasItsPipelineRolesAndTheirProofs() {
        List<String> missing = new ArrayList<>();
        apps.forEach((prefix, app) -> app.forEach((name, stack) -> {
            if (!PipelineAccessPaths.isPipelineStack(stack)) {
                return;
            }
            List<AccessPath> paths = proofs.paths().stream().filter(p -> p.stack().equals(prefix + name) && p.path().startsWith("pipeline: ")).toList();
            for (String expected : List.of("assumes the apply role", "assumes the plan role", "does not assume the apply role",
                    "does not assume the plan role", "another audience does not assume", "apply manages ", "state role reads",
                    "apply does not change the pipeline's own roles", "apply mints no long-lived credentials")) {
                if (paths.stream().noneMatch(p -> p.path().contains(expected))) {
                    missing.add(prefix + name + ": no proof that " + expected);
                }
            }
        }));
        assertThat(missing).isEmpty();
        assertThat(apps.values().stream().flatMap(app -> app.values().stream()).filter(PipelineAccessPaths::isPipelineStack).count())
                .as("pipeline stacks: one account, two accounts, the organization's five").isEqualTo(8);
    }

    @Test
    void aSubjectWithAWildcardLetsAnotherBranchAndAnotherRepositoryIn() {
        List<String> admitted = admittedByBrokenTrust(trust -> {
            ObjectNode condition = (ObjectNode) trust.path("Statement").path(0).path("Condition");
            JsonNode equals = condition.remove("StringEquals");
            ObjectNode like = condition.putObject("StringLike");
            like.set("token.actions.githubusercontent.com:aud", equals.path("token.actions.githubusercontent.com:aud"));
            like.put("token.actions.githubusercontent.com:sub", "repo:example-org/*");
        });
        assertThat(admitted).anyMatch(p -> p.contains("another branch")).anyMatch(p -> p.contains("another repository"));
    }

    @Test
    void aTrustWithoutAnAudienceLetsATokenForAnotherAudienceIn() {
        List<String> admitted = admittedByBrokenTrust(trust ->
                ((ObjectNode) trust.path("Statement").path(0).path("Condition").path("StringEquals")).remove("token.actions.githubusercontent.com:aud"));
        assertThat(admitted).anyMatch(p -> p.contains("another audience")).noneMatch(p -> p.contains("another branch"));
    }

    @Test
    void aPlanRoleThatCouldWriteFailsTheReadOnlyCheck() {
        Synthesized ci = Layouts.app(Layouts.PIPELINE_ONE_ACCOUNT).get("baseline-ci-111111111111");
        JsonNode plan = Synthesized.parseJson(ci.resource("aws_iam_role_policy", "plan").path("policy").asText()
                .replace("\"iam:Get*\"", "\"iam:Get*\",\"iam:Put*\"").replace("${aws_iam_role.apply.arn}", "*"));
        PolicyProver.Results results = PolicyProver.run("pipeline-read-only", List.of(
                new PolicyProver.Document("plan with iam:Put*", "identity", plan, List.of("sts:AssumeRole"))), List.of());
        assertThat(results.documents().get("plan with iam:Put*").findings())
                .anyMatch(f -> f.startsWith("read-only: iam:Put* grants iam:PutRolePolicy, whose access level is Permissions management"));
    }

    /**
     * The pipeline's must-deny trust proofs of the one-account app, against its pipeline stack with {@code breakIt} applied to
     * both roles' trust: the proofs the broken trust lets through (each would fail the suite).
     */
    private static List<String> admittedByBrokenTrust(Consumer<ObjectNode> breakIt) {
        Map<String, Synthesized> app = new LinkedHashMap<>(Layouts.app(Layouts.PIPELINE_ONE_ACCOUNT));
        String name = "baseline-ci-111111111111";
        app.put(name, app.get(name).broken(json -> {
            for (String role : List.of("plan", "apply")) {
                ObjectNode body = (ObjectNode) json.path("resource").path("aws_iam_role").path(role);
                ObjectNode trust = (ObjectNode) Synthesized.parseJson(body.path("assume_role_policy").asText());
                breakIt.accept(trust);
                body.put("assume_role_policy", trust.toString());
            }
        }));
        List<AccessPath> mustDeny = PipelineAccessPaths.of("broken: ", app, Layouts.REPOSITORY).stream()
                .filter(p -> p.expect() == AccessPath.Expect.DENIED && p.path().contains("does not assume the")).toList();
        PolicyProver.Results results = PolicyProver.run("pipeline-broken-trust", List.of(),
                mustDeny.stream().map(p -> p.request().toJson(p.id())).toList());
        return mustDeny.stream().filter(p -> results.requests().get(p.id()).decision().equals("Allowed")).map(AccessPath::path).toList();
    }

    @Test
    void theDefaultBranchAndTheApprovalEnvironmentAreTheOnesTheSettingsName() {
        Map<String, String> settings = new LinkedHashMap<>(Layouts.all().get(Layouts.PIPELINE_TWO_ACCOUNTS));
        settings.put("BASELINE_GITHUB_DEFAULT_BRANCH", "trunk");
        settings.put("BASELINE_GITHUB_APPROVAL_ENVIRONMENT", "prod-approval");
        Map<String, Synthesized> app = Synth.app(settings);
        assertThat(app.get("baseline-ci-shared").resource("aws_iam_role", "apply").path("assume_role_policy").asText())
                .contains("\"repo:example-org/aws-baseline:ref:refs/heads/trunk\"").doesNotContain("refs/heads/main");
        assertThat(app.get("baseline-ci-prod").resource("aws_iam_role", "apply").path("assume_role_policy").asText())
                .contains("\"repo:example-org/aws-baseline:environment:prod-approval\"",
                        "\"example-org/aws-baseline/.github/workflows/baseline.yml@refs/heads/trunk\"").doesNotContain(":ref:refs/heads");
        assertThat(app.get("baseline-ci-prod").resource("aws_iam_role", "plan").path("assume_role_policy").asText())
                .contains("\"repo:example-org/aws-baseline:pull_request\"", "\"repo:example-org/aws-baseline:ref:refs/heads/trunk\"");
    }

    @Test
    void anAccountThatHasGitHubsProviderAlreadyKeepsItUnchanged() {
        Map<String, String> settings = new LinkedHashMap<>(Layouts.all().get(Layouts.PIPELINE_ONE_ACCOUNT));
        settings.put("BASELINE_GITHUB_OIDC_PROVIDER", "existing");
        Synthesized ci = Synth.app(settings).get("baseline-ci-111111111111");
        assertThat(ci.resources("aws_iam_openid_connect_provider")).as("nothing created, nothing imported").isEmpty();
        assertThat(ci.json().has("import")).isFalse();
        assertThat(ci.data("aws_iam_openid_connect_provider", "github").path("url").asText()).isEqualTo("https://token.actions.githubusercontent.com");
        assertThat(ci.resource("aws_iam_role", "apply").path("assume_role_policy").asText())
                .contains("${data.aws_iam_openid_connect_provider.github.arn}");
    }

    @Test
    void theOrganizationsGuardrailPolicyExemptsThePipelinesApplyRoleAsItDoesTheDeployRole() {
        String scp = Organizations.withPipelineApp().get("baseline-org").resource("aws_organizations_policy", "protect_the_organization")
                .path("content").asText();
        assertThat(scp).contains("role/baseline-account-admin", "role/baseline-ci-apply");
        assertThat(Organizations.exampleApp().get("baseline-org").resource("aws_organizations_policy", "protect_the_organization")
                .path("content").asText()).doesNotContain("baseline-ci-apply");
    }

    @Test
    void aMemberAccountsPipelineStackIsFirstDeployedThroughTheRoleOrganizationsPutThere() {
        Synthesized ci = Organizations.withPipelineApp().get("baseline-ci-shared");
        JsonNode roles = ci.json().path("provider").path("aws").path(0).path("assume_role");
        assertThat(roles.findValues("role_arn").stream().map(JsonNode::asText).toList())
                .containsExactly("arn:aws:iam::111111111111:role/baseline-organization-admin", "arn:aws:iam::444444444444:role/OrganizationAccountAccessRole");
        assertThat(ci.json().has("variable")).as("no variable can switch that chain off").isFalse();
    }
}
