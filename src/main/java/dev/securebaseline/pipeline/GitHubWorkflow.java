package dev.securebaseline.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.DeployTarget;
import dev.securebaseline.settings.Pipeline;
import dev.securebaseline.settings.Setting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;

/**
 * The GitHub Actions workflow of the app, written next to the stacks ({@code cdktf.out/github/baseline.yml}) for a team to
 * copy into {@code .github/workflows/}. A pull request builds, tests, synthesizes and plans every stack with its account's plan
 * role; a push to the default branch applies them with the apply roles, a protected account's only through the approval
 * environment; a schedule plans every stack and fails, naming it, on drift. Plans and applies run in the deploy order's
 * waves, a matrix job per wave, each stack in one concurrency group. Another CI engine gets a writer of its own beside this one,
 * from the same {@link AppSettings#deployOrder()} and {@link AppSettings#deployTargets()}.
 */
public final class GitHubWorkflow {

    /** Where the synth writes it, under the output folder. */
    public static final Path FILE = Path.of("github", "baseline.yml");
    /** The Terraform the test machines run; the stacks need 1.10 or later (native S3 locking). */
    static final String TERRAFORM = "1.11.4";
    static final String JAVA = "17";
    /** jsii runs cdktf's core in Node; the test helpers need 20 or later. */
    static final String NODE = "20";
    static final String RUNNER = "ubuntu-latest";
    /** Daily drift detection, at a minute GitHub's scheduler is not crowded at. */
    static final String DRIFT_SCHEDULE = "17 5 * * *";
    static final String ARTIFACT = "cdktf-out";

    private final AppSettings settings;
    private final Pipeline pipeline;
    private final Map<String, String> variables;

    private GitHubWorkflow(AppSettings settings, Pipeline pipeline, Map<String, String> variables) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.variables = variables;
    }

    /**
     * Writes the workflow when the app has a pipeline and the state bucket is named; returns its path. Before the bootstrap is
     * deployed every job would stop at {@code terraform init}, so there is no workflow to copy yet (and a stale one is removed).
     */
    public static Optional<Path> write(Path outdir, AppSettings settings, Map<String, String> variables) {
        Path file = outdir.resolve(FILE);
        try {
            if (settings.pipeline().isEmpty() || settings.bootstrap().stateBucket().isEmpty()) {
                Files.deleteIfExists(file);
                return Optional.empty();
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, render(settings, variables), StandardCharsets.UTF_8);
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workflow's text for an app with a pipeline. */
    public static String render(AppSettings settings, Map<String, String> variables) {
        GitHubWorkflow workflow = new GitHubWorkflow(settings, settings.pipeline().orElseThrow(), variables);
        YAMLMapper yaml = new YAMLMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                // An account id such as 012345678901 stays text: unquoted, YAML would read a number and drop its zero.
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build());
        try {
            return "# Written by the synth from the settings below (" + Setting.GITHUB_REPOSITORY.variable() + "=" + workflow.pipeline.repository()
                    + "): copy it to " + Pipeline.WORKFLOW_FILE + ", the only\n# workflow the apply roles trust. Change the settings and synthesize again rather than editing it.\n"
                    + yaml.writeValueAsString(workflow.document());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the workflow is not serialisable", e);
        }
    }

    private Map<String, Object> document() {
        Map<String, Object> jobs = new LinkedHashMap<>();
        jobs.put("build", build());
        List<List<String>> waves = waves();
        List<String> before = List.of("build");
        for (int w = 0; w < waves.size(); w++) {
            Map<String, Object> plan = stackJob("plan", w + 1, waves.get(w), false, before);
            jobs.put("plan-wave-" + (w + 1), plan);
            before = List.of("build", "plan-wave-" + (w + 1));
        }
        before = List.of("build");
        for (int w = 0; w < waves.size(); w++) {
            List<String> wave = new ArrayList<>();
            for (boolean approved : List.of(false, true)) {
                List<String> stacks = waves.get(w).stream().filter(stack -> target(stack).protectedAccount() == approved).toList();
                if (!stacks.isEmpty()) {
                    String id = "apply-wave-" + (w + 1) + (approved ? "-approved" : "");
                    jobs.put(id, stackJob("apply", w + 1, stacks, approved, before));
                    wave.add(id);
                }
            }
            before = wave;
        }
        return map(
                "name", "baseline",
                "on", map(
                        "pull_request", map("branches", list(pipeline.defaultBranch())),
                        "push", map("branches", list(pipeline.defaultBranch())),
                        "schedule", list(map("cron", DRIFT_SCHEDULE)),
                        "workflow_dispatch", map()),
                "permissions", map("contents", "read"),
                // A newer commit of a pull request replaces its run; a push never waits behind (or is replaced by) a scheduled drift
                // check, and pushes queue among themselves, the newest pending one kept.
                "concurrency", map("group", "baseline-${{ github.event_name }}-${{ github.event.pull_request.number || github.ref }}",
                        "cancel-in-progress", "${{ github.event_name == 'pull_request' }}"),
                "env", environment(),
                "jobs", jobs);
    }

    /**
     * The settings the synth ran with, so that CI synthesizes the same stacks. Written after the bootstrap, with the state bucket
     * among them; before, the stacks' backends refuse {@code terraform init}, naming the setting.
     */
    private Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        new TreeMap<>(variables).forEach((name, value) -> {
            if (name.startsWith(Setting.PREFIX)) {
                env.put(name, name.equals(Setting.ORGANIZATION_FILE.variable()) ? inTheRepository(value) : value);
            }
        });
        env.put("TF_IN_AUTOMATION", "true");
        env.put("CHECKPOINT_DISABLE", "1");
        return env;
    }

    /** The organization file as CI finds it: relative to the checkout when the synth was given it under the working folder. */
    private static String inTheRepository(String file) {
        Path path = Path.of(file);
        Path here = Path.of("").toAbsolutePath();
        return path.isAbsolute() && path.normalize().startsWith(here) ? here.relativize(path.normalize()).toString() : file;
    }

    private Map<String, Object> build() {
        return map(
                "name", "Build, test and synthesize",
                "runs-on", RUNNER,
                "timeout-minutes", 45,
                "steps", list(
                        map("name", "Check out (" + PinnedActions.CHECKOUT.release() + ")", "uses", PinnedActions.CHECKOUT.uses(),
                                "with", map("persist-credentials", false)),
                        map("name", "Java " + JAVA + " (" + PinnedActions.SETUP_JAVA.release() + ")", "uses", PinnedActions.SETUP_JAVA.uses(),
                                "with", map("distribution", "temurin", "java-version", JAVA, "cache", "maven")),
                        map("name", "Node.js " + NODE + " (" + PinnedActions.SETUP_NODE.release() + ")", "uses", PinnedActions.SETUP_NODE.uses(),
                                "with", map("node-version", NODE)),
                        terraform(),
                        map("name", "Test", "run", "mvn -B test"),
                        map("name", "Synthesize", "run", "mvn -B -q compile exec:java"),
                        map("name", "What the synth creates", "run", "cat cdktf.out/SUMMARY.md >> \"$GITHUB_STEP_SUMMARY\""),
                        map("name", "Keep the synthesized stacks (" + PinnedActions.UPLOAD_ARTIFACT.release() + ")",
                                "uses", PinnedActions.UPLOAD_ARTIFACT.uses(),
                                "with", map("name", ARTIFACT, "path", "cdktf.out", "if-no-files-found", "error", "retention-days", 30))));
    }

    /**
     * A plan or apply job over one wave's stacks, a matrix entry per stack: its account's role through GitHub's token, the
     * state through the account's state role, the providers without their deploy role (the credentials are in the account).
     */
    private Map<String, Object> stackJob(String verb, int wave, List<String> stacks, boolean approved, List<String> needs) {
        boolean apply = verb.equals("apply");
        List<Object> include = new ArrayList<>();
        for (String stack : stacks) {
            DeployTarget target = target(stack);
            String role = apply ? Pipeline.applyRoleName(settings.bootstrap().project()) : Pipeline.planRoleName(settings.bootstrap().project());
            include.add(map(
                    "stack", stack,
                    "account", target.accountId(),
                    "role", Pipeline.roleArn(target.accountId(), role),
                    "state_role", Pipeline.roleArn(pipeline.stateAccountId(), Pipeline.stateRoleName(settings.bootstrap().project(), target.label(), apply))));
        }
        Map<String, Object> job = map(
                "name", (apply ? "Apply" : "Plan") + " wave " + wave + (approved ? " (approved)" : "") + ": ${{ matrix.stack }}",
                "needs", needs,
                // A plan changes nothing: a drifted or failed wave must not hide the next wave's drift, so plans go on once the build has.
                "if", apply ? "github.event_name == 'push'" : "!cancelled() && needs.build.result == 'success' && github.event_name != 'push'",
                "runs-on", RUNNER,
                "timeout-minutes", 60,
                "permissions", map("contents", "read", "id-token", "write"));
        if (approved) {
            job.put("environment", pipeline.approvalEnvironment());
        }
        if (apply) {
            job.put("concurrency", map("group", "baseline-apply-${{ matrix.stack }}", "cancel-in-progress", false));
        }
        job.put("strategy", map("fail-fast", false, "matrix", map("include", include)));
        // The state role serves the backend (-backend-config) and the reader of other stacks' states (the log archive's).
        job.put("env", map("STACK", "${{ matrix.stack }}", "STATE_ROLE", "${{ matrix.state_role }}",
                "TF_VAR_" + dev.securebaseline.tf.AwsProvider.DEPLOY_ROLE_VARIABLE, "",
                "TF_VAR_" + dev.securebaseline.tf.AwsProvider.STATE_ROLE_VARIABLE, "${{ matrix.state_role }}"));
        List<Object> steps = new ArrayList<>(List.of(
                map("name", "The synthesized stacks (" + PinnedActions.DOWNLOAD_ARTIFACT.release() + ")", "uses", PinnedActions.DOWNLOAD_ARTIFACT.uses(),
                        "with", map("name", ARTIFACT, "path", "cdktf.out")),
                terraform(),
                map("name", "Credentials of ${{ matrix.account }} (" + PinnedActions.AWS_CREDENTIALS.release() + ")",
                        "uses", PinnedActions.AWS_CREDENTIALS.uses(),
                        "with", map("role-to-assume", "${{ matrix.role }}", "aws-region", settings.bootstrap().region(),
                                "role-session-name", verb + "-${{ github.run_id }}", "allowed-account-ids", "${{ matrix.account }}")),
                map("name", apply ? "Apply" : "Plan", "run", apply ? APPLY : PLAN)));
        if (!apply) {
            // The plan as text, sensitive values masked: the binary plan holds the state in clear, and artifacts are readable by
            // everyone who can read the repository.
            steps.add(map("name", "Keep the plan (" + PinnedActions.UPLOAD_ARTIFACT.release() + ")", "uses", PinnedActions.UPLOAD_ARTIFACT.uses(),
                    "with", map("name", "plan-${{ matrix.stack }}", "path", "cdktf.out/stacks/${{ matrix.stack }}/plan.txt", "retention-days", 14,
                            "overwrite", true)));
        }
        job.put("steps", steps);
        return job;
    }

    private static Map<String, Object> terraform() {
        return map("name", "Terraform " + TERRAFORM + " (" + PinnedActions.SETUP_TERRAFORM.release() + ")", "uses", PinnedActions.SETUP_TERRAFORM.uses(),
                "with", map("terraform_version", TERRAFORM, "terraform_wrapper", false));
    }

    private static final String INIT = "set -euo pipefail\ndir=\"cdktf.out/stacks/$STACK\"\n"
            + "terraform -chdir=\"$dir\" init -input=false -backend-config=\"assume_role={role_arn=\\\"$STATE_ROLE\\\"}\"\n";

    /** Exit 2 of a plan is a change: expected on a pull request, drift on the schedule (or a run started by hand on the default branch). */
    static final String PLAN = INIT
            + "status=0\n"
            + "terraform -chdir=\"$dir\" plan -input=false -lock-timeout=5m -detailed-exitcode -out=tfplan || status=$?\n"
            + "if [ \"$status\" -eq 1 ]; then exit 1; fi\n"
            + "terraform -chdir=\"$dir\" show -no-color tfplan > \"$dir/plan.txt\"\n"
            + "rm \"$dir/tfplan\"\n"
            + "{ echo \"### $STACK\"; echo '```'; grep -E '^  # |^Plan:|^No changes' \"$dir/plan.txt\" || true; echo '```'; } >> \"$GITHUB_STEP_SUMMARY\"\n"
            + "if [ \"$status\" -eq 2 ] && [ \"$GITHUB_EVENT_NAME\" != pull_request ]; then\n"
            + "  echo \"::error title=Drift in $STACK::$STACK differs from the default branch: find out who changed it, then apply or revert\"\n"
            + "  exit 1\n"
            + "fi\n";

    static final String APPLY = INIT
            + "terraform -chdir=\"$dir\" apply -input=false -auto-approve -lock-timeout=10m\n";

    /** The stacks the pipeline runs, wave by wave in the deploy order (the bootstrap and the pipeline stacks are deployed by hand). */
    List<List<String>> waves() {
        return settings.deployWaves().stream().map(wave -> wave.stream().filter(this::isRunByThePipeline).toList())
                .filter(wave -> !wave.isEmpty()).toList();
    }

    private boolean isRunByThePipeline(String stack) {
        return settings.deployTargets().stream().anyMatch(t -> t.stacks().containsKey(stack));
    }

    private DeployTarget target(String stack) {
        return settings.deployTargets().stream().filter(t -> t.stacks().containsKey(stack)).findFirst()
                .orElseThrow(() -> new IllegalStateException(stack + " is in no account the pipeline deploys into"));
    }
}
