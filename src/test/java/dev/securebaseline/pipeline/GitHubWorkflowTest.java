package dev.securebaseline.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.testing.Layouts;
import dev.securebaseline.testing.LongestNames;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.PipelineAccessPaths;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import dev.securebaseline.testing.TerraformCli;
import dev.securebaseline.testing.WorkflowLinters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated workflow of every pipeline app: both linters accept it, its jobs run the stacks in the manifest's order (a job
 * never starts before the job of a stack it depends on), each stack once per verb, protected accounts only through the approval
 * environment, each job with the role its account's trust admits for the token that job gets, every action pinned to a commit,
 * no trigger that hands a fork a token; and Terraform itself accepts the backend configuration the jobs pass.
 */
class GitHubWorkflowTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    /** The docs' copy: the defaults with a repository and the account they deploy into. */
    static final Map<String, String> DOCUMENTED = Map.of("BASELINE_GITHUB_REPOSITORY", Layouts.REPOSITORY, "BASELINE_ACCOUNT_ID", "111122223333",
            "BASELINE_STATE_BUCKET", "baseline-tfstate-20261206093012345600000001");
    static final Path DOCUMENTED_COPY = Path.of("docs", "pipeline", "baseline.yml");

    private static final Map<String, Map<String, String>> APPS = new LinkedHashMap<>();
    private static final Map<String, String> WORKFLOWS = new LinkedHashMap<>();

    @BeforeAll
    static void render() {
        APPS.put(Layouts.PIPELINE_ONE_ACCOUNT, Layouts.all().get(Layouts.PIPELINE_ONE_ACCOUNT));
        APPS.put(Layouts.PIPELINE_TWO_ACCOUNTS, Layouts.all().get(Layouts.PIPELINE_TWO_ACCOUNTS));
        APPS.put("the example organization", Organizations.withPipeline());
        Map<String, String> fifty = new LinkedHashMap<>(LongestNames.layouts().get(LongestNames.FIFTY_WORKLOADS));
        fifty.put("BASELINE_GITHUB_REPOSITORY", Layouts.REPOSITORY);
        APPS.put(LongestNames.FIFTY_WORKLOADS, fifty);
        APPS.put("the documented copy", DOCUMENTED);
        APPS.forEach((name, variables) -> WORKFLOWS.put(name, GitHubWorkflow.render(AppSettings.fromEnvironment(variables), variables)));
    }

    @Test
    void actionlintAndTheWorkflowSchemaAcceptEveryWorkflow() {
        assertThat(WorkflowLinters.check(WORKFLOWS)).allSatisfy((name, findings) -> assertThat(findings).as(name).isEmpty());
    }

    @Test
    void theLintersRefuseABrokenWorkflow() {
        String broken = WORKFLOWS.get(Layouts.PIPELINE_ONE_ACCOUNT).replace("${{ matrix.state_role }}", "${{ matrix.stateRole }}")
                .replace("    needs:\n    - build\n", "    needs:\n    - biuld\n");
        assertThat(WorkflowLinters.check(Map.of("broken", broken)).get("broken"))
                .anyMatch(f -> f.startsWith("actionlint") && f.toLowerCase(java.util.Locale.ROOT).contains("staterole"))
                .anyMatch(f -> f.startsWith("actionlint") && f.contains("biuld"))
                .anyMatch(f -> f.startsWith("schema") && f.contains("biuld"));
    }

    @Test
    void everyJobRunsAfterTheJobsOfTheStacksItsStacksDependOnInTheManifest() throws IOException {
        for (String name : List.of(Layouts.PIPELINE_ONE_ACCOUNT, Layouts.PIPELINE_TWO_ACCOUNTS, "the example organization")) {
            Map<String, Synthesized> app = Synth.app(APPS.get(name));
            JsonNode manifest = Synthesized.parseJson(Files.readString(manifestOf(app))).path("stacks");
            Map<String, List<String>> dependencies = new LinkedHashMap<>();
            manifest.fields().forEachRemaining(e -> dependencies.put(e.getKey(), Synthesized.texts(e.getValue().path("dependencies"))));
            assertRunsInOrder(name, YAML.readTree(WORKFLOWS.get(name)), dependencies, pipelineStacks(app));
        }
        AppSettings fifty = AppSettings.fromEnvironment(APPS.get(LongestNames.FIFTY_WORKLOADS));
        Map<String, List<String>> order = new LinkedHashMap<>();
        fifty.deployOrder().forEach((stack, after) -> order.put(stack, after.map(List::of).orElse(List.of())));
        List<String> run = fifty.deployTargets().stream().flatMap(t -> t.stackNames().stream()).toList();
        assertRunsInOrder(LongestNames.FIFTY_WORKLOADS, YAML.readTree(WORKFLOWS.get(LongestNames.FIFTY_WORKLOADS)), order, run);
    }

    /** Each stack the pipeline runs is in one plan and one apply job, and each job comes after its stacks' dependencies' jobs. */
    private static void assertRunsInOrder(String name, JsonNode workflow, Map<String, List<String>> dependencies, List<String> pipelineStacks) {
        for (String verb : List.of("plan", "apply")) {
            Map<String, String> jobOf = new LinkedHashMap<>();
            workflow.path("jobs").fields().forEachRemaining(job -> {
                if (job.getKey().startsWith(verb + "-")) {
                    job.getValue().path("strategy").path("matrix").path("include").forEach(entry -> {
                        String previous = jobOf.put(entry.path("stack").asText(), job.getKey());
                        assertThat(previous).as("%s: %s is %sed by one job", name, entry.path("stack").asText(), verb).isNull();
                    });
                }
            });
            assertThat(jobOf.keySet()).as("%s: the stacks the %s jobs run", name, verb).containsExactlyInAnyOrderElementsOf(pipelineStacks);
            dependencies.forEach((stack, after) -> after.stream().filter(jobOf::containsKey).forEach(predecessor ->
                    assertThat(ancestors(workflow, jobOf.get(stack))).as("%s: %s's job %s comes after %s's", name, stack, jobOf.get(stack), predecessor)
                            .contains(jobOf.get(predecessor))));
        }
    }

    private static Set<String> ancestors(JsonNode workflow, String job) {
        Set<String> seen = new HashSet<>();
        List<String> queue = new ArrayList<>(Synthesized.texts(workflow.path("jobs").path(job).path("needs")));
        while (!queue.isEmpty()) {
            String next = queue.remove(0);
            if (seen.add(next)) {
                queue.addAll(Synthesized.texts(workflow.path("jobs").path(next).path("needs")));
            }
        }
        return seen;
    }

    @Test
    void everyJobAssumesTheRoleItsAccountsTrustAdmitsForTheTokenThatJobGets() throws IOException {
        for (String name : List.of(Layouts.PIPELINE_TWO_ACCOUNTS, "the example organization")) {
            Map<String, Synthesized> app = Synth.app(APPS.get(name));
            Map<String, Synthesized> pipelineStackByAccount = new LinkedHashMap<>();
            app.values().stream().filter(PipelineAccessPaths::isPipelineStack).forEach(s ->
                    pipelineStackByAccount.put(s.json().path("provider").path("aws").path(0).path("allowed_account_ids").path(0).asText(), s));
            JsonNode workflow = YAML.readTree(WORKFLOWS.get(name));
            workflow.path("jobs").fields().forEachRemaining(job -> {
                boolean apply = job.getKey().startsWith("apply-");
                boolean approved = job.getValue().has("environment");
                // The subject GitHub puts in the job's token (the workflow's triggers: pull requests and pushes to main).
                String subject = "repo:" + Layouts.REPOSITORY + (approved ? ":environment:production" : apply ? ":ref:refs/heads/main" : ":pull_request");
                job.getValue().path("strategy").path("matrix").path("include").forEach(entry -> {
                    Synthesized ci = pipelineStackByAccount.get(entry.path("account").asText());
                    JsonNode role = ci.resource("aws_iam_role", apply ? "apply" : "plan");
                    assertThat(entry.path("role").asText()).as("%s: %s", name, job.getKey())
                            .isEqualTo("arn:aws:iam::" + entry.path("account").asText() + ":role/" + role.path("name").asText());
                    assertThat(Synthesized.texts(Synthesized.parseJson(role.path("assume_role_policy").asText()).path("Statement").path(0)
                            .path("Condition").path("StringEquals").path("token.actions.githubusercontent.com:sub")))
                            .as("%s: %s's %s trusts the token of %s", name, entry.path("stack").asText(), role.path("name").asText(), job.getKey())
                            .contains(subject);
                });
            });
        }
    }

    /**
     * A stack that reads another stack's state (the log archive's, in an organization) reads it through the state role its job
     * gives the backend: the job hands that role to its {@code state_role_arn} too. Which states a state role may read is proven
     * by {@code PipelineAccessPaths}.
     */
    @Test
    void everyJobGivesAStacksStateReaderTheStateRoleItGivesItsBackend() throws IOException {
        Map<String, Synthesized> app = Synth.app(APPS.get("the example organization"));
        JsonNode workflow = YAML.readTree(WORKFLOWS.get("the example organization"));
        List<String> readers = new java.util.ArrayList<>();
        workflow.path("jobs").fields().forEachRemaining(job -> job.getValue().path("strategy").path("matrix").path("include").forEach(entry -> {
            Synthesized stack = app.get(entry.path("stack").asText());
            if (!stack.json().path("variable").has(dev.securebaseline.tf.AwsProvider.STATE_ROLE_VARIABLE)) {
                return;
            }
            readers.add(job.getKey() + " " + entry.path("stack").asText());
            JsonNode env = job.getValue().path("env");
            assertThat(env.path("TF_VAR_" + dev.securebaseline.tf.AwsProvider.STATE_ROLE_VARIABLE).asText()).as(job.getKey())
                    .isEqualTo(env.path("STATE_ROLE").asText()).isEqualTo("${{ matrix.state_role }}");
            String stateAccount = java.util.stream.StreamSupport.stream(stack.json().path("provider").path("aws").spliterator(), false)
                    .filter(provider -> provider.path("alias").asText().equals("state")).findFirst().orElseThrow()
                    .path("allowed_account_ids").path(0).asText();
            assertThat(entry.path("state_role").asText()).as("%s: %s's state role is in the account its state reader is pinned to",
                    job.getKey(), entry.path("stack").asText()).startsWith("arn:aws:iam::" + stateAccount + ":role/");
        }));
        assertThat(readers).as("the org stack and every account stack, in plan, apply and drift jobs")
                .anyMatch(r -> r.startsWith("plan-") && r.endsWith("baseline-org")).anyMatch(r -> r.startsWith("apply-") && r.endsWith("baseline-account-shared"));
    }

    @Test
    void theAccountsThatRunProdOrTheOrganizationAreAppliedOnlyThroughTheApprovalEnvironment() throws IOException {
        JsonNode workflow = YAML.readTree(WORKFLOWS.get("the example organization"));
        Map<String, Boolean> approved = new LinkedHashMap<>();
        workflow.path("jobs").fields().forEachRemaining(job -> {
            if (job.getKey().startsWith("apply-")) {
                job.getValue().path("strategy").path("matrix").path("include").forEach(entry ->
                        approved.put(entry.path("stack").asText(), job.getValue().path("environment").asText().equals("production")));
            }
        });
        assertThat(approved).containsEntry("baseline-org", true).containsEntry("baseline-log-archive", true).containsEntry("baseline-security", true)
                .containsEntry("baseline-account-management", true).containsEntry("baseline-prod", true).containsEntry("baseline-account-prod", true)
                .containsEntry("baseline-dev", false).containsEntry("baseline-staging", false).containsEntry("baseline-account-shared", false);
    }

    @Test
    void everyActionIsPinnedToACommitAndNoTriggerGivesAForkAToken() throws IOException {
        for (Map.Entry<String, String> workflow : WORKFLOWS.entrySet()) {
            JsonNode tree = YAML.readTree(workflow.getValue());
            List<String> uses = tree.findValuesAsText("uses");
            assertThat(uses).as(workflow.getKey()).isNotEmpty().allSatisfy(action -> {
                assertThat(action).matches("[a-z-]+/[a-z-]+@[0-9a-f]{40}");
                assertThat(PinnedActions.ALL.get(action.substring(0, action.indexOf('@'))).uses()).isEqualTo(action);
            });
            assertThat(tree.path("on").has("pull_request_target")).as("fork pull requests never run with the base's token").isFalse();
            assertThat(tree.path("on").has("workflow_run")).isFalse();
            assertThat(tree.path("permissions").toString()).isEqualTo("{\"contents\":\"read\"}");
            tree.path("jobs").fields().forEachRemaining(job -> assertThat(job.getValue().path("permissions").path("id-token").asText(""))
                    .as("%s: only the plan and apply jobs ask GitHub for a token", job.getKey())
                    .isEqualTo(job.getKey().equals("build") ? "" : "write"));
        }
    }

    @Test
    void noWorkflowIsWrittenBeforeTheStateBucketIsNamedForEveryJobWouldStopAtInit(@org.junit.jupiter.api.io.TempDir Path outdir) throws IOException {
        Map<String, String> before = new LinkedHashMap<>(DOCUMENTED);
        before.remove("BASELINE_STATE_BUCKET");
        Files.createDirectories(outdir.resolve(GitHubWorkflow.FILE).getParent());
        Files.writeString(outdir.resolve(GitHubWorkflow.FILE), "a stale workflow");
        assertThat(GitHubWorkflow.write(outdir, AppSettings.fromEnvironment(before), before)).isEmpty();
        assertThat(outdir.resolve(GitHubWorkflow.FILE)).as("a stale workflow is removed").doesNotExist();
        assertThat(GitHubWorkflow.write(outdir, AppSettings.fromEnvironment(DOCUMENTED), DOCUMENTED)).contains(outdir.resolve(GitHubWorkflow.FILE));
        assertThat(outdir.resolve(GitHubWorkflow.FILE)).content().contains("BASELINE_STATE_BUCKET: baseline-tfstate-20261206093012345600000001");
    }

    @Test
    void theDocumentedWorkflowIsTheOneTheSynthWrites() throws IOException {
        assertThat(Files.readString(DOCUMENTED_COPY)).as("docs/pipeline/baseline.yml: synthesize with " + DOCUMENTED + " and copy cdktf.out/github/baseline.yml")
                .isEqualTo(WORKFLOWS.get("the documented copy"));
    }

    /** Terraform reads the backend configuration each job passes, and tries the state role it names. */
    @Test
    void terraformTakesTheStateRoleTheJobsPassToTheBackend() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(Layouts.all().get(Layouts.PIPELINE_ONE_ACCOUNT));
        settings.put("BASELINE_STATE_BUCKET", "baseline-tfstate-20261206093012345600000001");
        Synthesized dev = Synth.app(settings).get("baseline-dev");
        JsonNode plan = YAML.readTree(GitHubWorkflow.render(AppSettings.fromEnvironment(settings), settings)).path("jobs").path("plan-wave-2");
        String stateRole = plan.path("strategy").path("matrix").path("include").path(0).path("state_role").asText();
        Matcher init = Pattern.compile("-backend-config=\"(.*)\"\n").matcher(plan.findValuesAsText("run").get(0));
        assertThat(init.find()).isTrue();
        String backendConfig = init.group(1).replace("\\\"", "\"").replace("$STATE_ROLE", stateRole);
        Path folder = Files.createTempDirectory("backend-config");
        Files.copy(dev.directory().resolve("cdk.tf.json"), folder.resolve("cdk.tf.json"));
        ProcessBuilder terraform = new ProcessBuilder(TerraformCli.onPath("terraform").orElseThrow().toString(), "init", "-input=false", "-no-color",
                "-backend-config=" + backendConfig).directory(folder.toFile()).redirectErrorStream(true);
        // Credentials that exist nowhere: init gets as far as asking STS for the state role, and no further.
        terraform.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY", "example",
                "AWS_EC2_METADATA_DISABLED", "true", "AWS_MAX_ATTEMPTS", "1"));
        Process process = terraform.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(output).as(output).contains("AssumeRole").doesNotContain("Invalid", "Unsupported argument", "is required");
        assertThat(process.exitValue()).isNotZero();
    }

    private static List<String> pipelineStacks(Map<String, Synthesized> app) {
        return app.entrySet().stream().filter(e -> !PipelineAccessPaths.isPipelineStack(e.getValue()) && !e.getKey().endsWith("-bootstrap"))
                .map(Map.Entry::getKey).toList();
    }

    private static Path manifestOf(Map<String, Synthesized> app) {
        return app.values().iterator().next().directory().getParent().getParent().resolve("manifest.json");
    }
}
