package dev.securebaseline.settings;

import dev.securebaseline.testing.Organizations;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline's settings: a trust is built only from whole, validated parts (no wildcard can reach a role's trust), a
 * pipeline pins every account it deploys into, and a setting with no pipeline to act on is refused, one message each.
 */
class PipelineSettingsTest {

    private static final String REPOSITORY = "example-org/aws-baseline";

    private static List<String> problems(Map<String, String> variables) {
        return AccountSettingsTest.problems(variables);
    }

    private static Map<String, String> pinned(String... more) {
        Map<String, String> variables = new LinkedHashMap<>(Map.of("BASELINE_ACCOUNT_ID", "111122223333", "BASELINE_GITHUB_REPOSITORY", REPOSITORY));
        for (int i = 0; i < more.length; i += 2) {
            variables.put(more[i], more[i + 1]);
        }
        return variables;
    }

    @Test
    void aPipelineTrustsTheRepositoryItsSettingsNameThroughWholeSubjects() {
        Pipeline pipeline = AppSettings.fromEnvironment(pinned()).pipeline().orElseThrow();
        assertThat(pipeline.planSubjects()).containsExactly("repo:example-org/aws-baseline:pull_request", "repo:example-org/aws-baseline:ref:refs/heads/main");
        assertThat(pipeline.applySubjects(false)).containsExactly("repo:example-org/aws-baseline:ref:refs/heads/main");
        assertThat(pipeline.applySubjects(true)).containsExactly("repo:example-org/aws-baseline:environment:production");
        assertThat(pipeline.stateAccountId()).as("the one account every environment shares").isEqualTo("111122223333");
    }

    @Test
    void aBranchOrEnvironmentWithAWildcardIsRefusedBeforeAnyTrustIsWritten() {
        assertThat(problems(pinned("BASELINE_GITHUB_DEFAULT_BRANCH", "release/*"))).singleElement().asString()
                .startsWith("BASELINE_GITHUB_DEFAULT_BRANCH=\"release/*\" is not accepted: not a branch name. Accepted:");
        assertThat(problems(pinned("BASELINE_GITHUB_APPROVAL_ENVIRONMENT", "prod*"))).singleElement().asString()
                .startsWith("BASELINE_GITHUB_APPROVAL_ENVIRONMENT=\"prod*\" is not accepted: not a GitHub environment name.");
        assertThat(problems(pinned("BASELINE_GITHUB_REPOSITORY", "example-org/*"))).singleElement().asString()
                .startsWith("BASELINE_GITHUB_REPOSITORY=\"example-org/*\" is not accepted: not a GitHub repository. Accepted: owner/name");
    }

    @Test
    void aPipelineIntoTheDeployingCredentialsAccountIsRefusedNamingTheEnvironments() {
        assertThat(problems(Map.of("BASELINE_GITHUB_REPOSITORY", REPOSITORY))).singleElement().asString()
                .isEqualTo("BASELINE_GITHUB_REPOSITORY=\"example-org/aws-baseline\" is not accepted: dev, staging, prod deploy into the deploying "
                        + "credentials' account, and a pipeline assumes its roles by account id. Accepted: BASELINE_ACCOUNT_ID (or "
                        + "BASELINE_<ENVIRONMENT>_ACCOUNT_ID) set for every environment, with the repository.");
    }

    @Test
    void severalAccountsNeedTheStateAccountNamedOnce() {
        assertThat(problems(pinned("BASELINE_PROD_ACCOUNT_ID", "444455556666"))).singleElement().asString()
                .startsWith("BASELINE_GITHUB_REPOSITORY=\"example-org/aws-baseline\" is not accepted: the environments deploy into 2 accounts, and "
                        + "the pipeline needs the one that holds the state bucket (BASELINE_STATE_ACCOUNT_ID), which is not set.");
        assertThat(AppSettings.fromEnvironment(pinned("BASELINE_PROD_ACCOUNT_ID", "444455556666", "BASELINE_STATE_ACCOUNT_ID", "444455556666"))
                .bootstrap().access().accountId()).as("the bootstrap is pinned to the state account").contains("444455556666");
    }

    @Test
    void pipelineSettingsWithoutARepositoryAreRefusedEachNamingIt() {
        assertThat(problems(Map.of("BASELINE_GITHUB_DEFAULT_BRANCH", "trunk", "BASELINE_GITHUB_OIDC_PROVIDER", "existing")))
                .containsExactlyInAnyOrder(
                        "BASELINE_GITHUB_DEFAULT_BRANCH=\"trunk\" is not accepted: there is no pipeline, so it would change nothing. Accepted: set "
                                + "BASELINE_GITHUB_REPOSITORY too, or remove it.",
                        "BASELINE_GITHUB_OIDC_PROVIDER=\"existing\" is not accepted: there is no pipeline, so it would change nothing. Accepted: set "
                                + "BASELINE_GITHUB_REPOSITORY too, or remove it.");
    }

    @Test
    void theStateAccountOfAnOrganizationComesFromItsFileAlone() {
        Map<String, String> variables = new LinkedHashMap<>(Organizations.withPipeline());
        assertThat(AppSettings.fromEnvironment(variables).pipeline().orElseThrow().stateAccountId()).isEqualTo("666666666666");
        variables.put("BASELINE_STATE_ACCOUNT_ID", "666666666666");
        assertThat(problems(variables)).singleElement().asString()
                .startsWith("BASELINE_STATE_ACCOUNT_ID=\"666666666666\" is not accepted: BASELINE_ORGANIZATION_FILE is set");
    }

    @Test
    void anOrganizationFileOutsideTheRepositoryIsRefusedForAPipeline() throws java.io.IOException {
        java.nio.file.Path outside = java.nio.file.Files.createTempFile("organization", ".json");
        java.nio.file.Files.copy(Organizations.EXAMPLE, outside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(problems(Map.of("BASELINE_ORGANIZATION_FILE", outside.toString(), "BASELINE_GITHUB_REPOSITORY", REPOSITORY)))
                .singleElement().asString().startsWith("BASELINE_ORGANIZATION_FILE=\"" + outside + "\" is not accepted: BASELINE_GITHUB_REPOSITORY "
                        + "is set, and the pipeline synthesizes from the repository's checkout, which does not hold this file.");
        assertThat(AppSettings.fromEnvironment(Map.of("BASELINE_ORGANIZATION_FILE", outside.toString())).organization())
                .as("without a pipeline, a file anywhere").isPresent();
    }

    @Test
    void aBreakGlassRoleIsCreatedByThePipelineStacksOnlyAndOtherwiseRefused() {
        Map<String, String> file = Organizations.withFile("break-glass-alone", json -> json.put("create_break_glass_role", true));
        assertThat(problems(file)).singleElement().asString().endsWith("create_break_glass_role = true is not accepted: each account's pipeline "
                + "stack creates the break-glass role, and there is no pipeline, so it would change nothing. Accepted: set "
                + "BASELINE_GITHUB_REPOSITORY too, or remove it.");
        assertThat(AppSettings.fromEnvironment(Organizations.withPipeline()).deployTargets()).as("every account's pipeline stack creates it")
                .allSatisfy(target -> assertThat(target.breakGlass()).contains(new DeployTarget.BreakGlass("baseline-break-glass", "111111111111")));
        assertThat(AppSettings.fromEnvironment(pinned()).deployTargets()).allSatisfy(target -> assertThat(target.breakGlass()).isEmpty());
    }

    /** The names the docs, the workflow and the state roles' trust rely on. */
    @Test
    void theRolesAndTheWorkflowAreNamedAsTheDocsSay() {
        Pipeline pipeline = AppSettings.fromEnvironment(pinned("BASELINE_GITHUB_DEFAULT_BRANCH", "trunk")).pipeline().orElseThrow();
        assertThat(Pipeline.planRoleName("acme")).isEqualTo("acme-ci-plan");
        assertThat(Pipeline.applyRoleName("acme")).isEqualTo("acme-ci-apply");
        assertThat(Pipeline.stateRoleName("acme", "shared", false)).isEqualTo("acme-state-shared-plan");
        assertThat(Pipeline.stateRoleName("acme", "shared", true)).isEqualTo("acme-state-shared-apply");
        assertThat(Pipeline.roleArn("111122223333", "acme-ci-plan")).isEqualTo("arn:aws:iam::111122223333:role/acme-ci-plan");
        assertThat(Pipeline.STATE_BUCKET_PREFIX.apply("acme")).isEqualTo("acme-tfstate-");
        assertThat(pipeline.applyWorkflowRef()).isEqualTo("example-org/aws-baseline/.github/workflows/baseline.yml@refs/heads/trunk");
    }

    @Test
    void githubsProviderIsCreatedUnlessTheSettingsSayItExists() {
        assertThat(AppSettings.fromEnvironment(pinned()).pipeline().orElseThrow().createOidcProvider()).isTrue();
        assertThat(AppSettings.fromEnvironment(pinned("BASELINE_GITHUB_OIDC_PROVIDER", "create")).pipeline().orElseThrow().createOidcProvider()).isTrue();
        assertThat(AppSettings.fromEnvironment(pinned("BASELINE_GITHUB_OIDC_PROVIDER", "existing")).pipeline().orElseThrow().createOidcProvider()).isFalse();
    }

    @Test
    void theOidcProviderSettingTakesCreateOrExisting() {
        assertThat(problems(pinned("BASELINE_GITHUB_OIDC_PROVIDER", "Existing"))).singleElement().asString()
                .isEqualTo("BASELINE_GITHUB_OIDC_PROVIDER=\"Existing\" is not accepted: neither create nor existing. Accepted: create or existing.");
    }

    @Test
    void everyAccountThePipelineDeploysIntoIsATargetWithItsStacksAndStateKeys() {
        AppSettings app = AppSettings.fromEnvironment(pinned("BASELINE_PROD_ACCOUNT_ID", "444455556666", "BASELINE_STATE_ACCOUNT_ID", "111122223333"));
        assertThat(app.deployTargets()).extracting(DeployTarget::accountId, DeployTarget::protectedAccount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("111122223333", false), org.assertj.core.groups.Tuple.tuple("444455556666", true));
        assertThat(app.deployTargets().get(1).stacks()).containsExactly(
                Map.entry("baseline-account-444455556666", "baseline/account/444455556666/terraform.tfstate"),
                Map.entry("baseline-prod", "baseline/prod/terraform.tfstate"));
    }
}
