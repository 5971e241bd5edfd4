package dev.securebaseline.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.preview.Preview;
import dev.securebaseline.testing.BackgroundJobs;
import dev.securebaseline.testing.Layouts;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import dev.securebaseline.testing.TerraformCli;
import dev.securebaseline.testing.TerraformJobs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's workflow end to end, offline: synthesize the whole app the way a user does ({@code cdktf synth}
 * when cdktf-cli is installed, else the README's {@code mvn -q compile exec:java}), then
 * {@code terraform init -backend=false} and {@code terraform validate} in a stack folder, as it lies; and synthesize again
 * and again into one folder while stacks disappear. All run as background jobs ({@link TerraformJobs}).
 */
@BackgroundJobs(order = 2)
public class WorkflowTest {

    private static final Path OUT = Path.of("target", "workflow", "cdktf.out").toAbsolutePath();

    private record Synthesis(List<String> command, Run run, List<Path> stacks) {
    }

    private record Outcome(Synthesis synthesis, Map<String, String> verdicts) {
    }

    private static CompletableFuture<Outcome> job;
    private static CompletableFuture<List<Step>> sequence;

    /** One synthesis of the sequence: its settings, how it ended, and the stack folders it left. */
    private record Step(String what, Map<String, String> settings, Run run, List<String> stacks) {
    }

    /** Synthesis (a process) and every stack's init and validate, in the background. */
    public static synchronized CompletableFuture<Outcome> start() {
        if (sequence == null) {
            // Settings are read here, on the thread that may talk to cdktf (the organization's second pass synthesizes).
            Map<String, Map<String, String>> steps = steps();
            sequence = TerraformJobs.job("workflow-sequence", () -> stacksComeAndGo(steps));
        }
        if (job == null) {
            CompletableFuture<Synthesis> synthesis = TerraformJobs.job("workflow-synth", WorkflowTest::synthesize);
            job = synthesis.thenCompose(done -> {
                Map<String, CompletableFuture<String>> checks = new LinkedHashMap<>();
                // One folder validated where it lies, as "Terraform by hand" in the README does; every stack of the app is in the
                // schema check (SchemaValidationTest), which loads the provider once for all of them.
                for (Path stack : done.stacks().stream().filter(p -> p.getFileName().toString().endsWith("-dev")).toList()) {
                    checks.put(stack.getFileName().toString(),
                            TerraformJobs.job("workflow-validate-" + stack.getFileName(), () -> initAndValidate(stack)));
                }
                return CompletableFuture.allOf(checks.values().toArray(CompletableFuture[]::new)).thenApply(all -> {
                    Map<String, String> verdicts = new LinkedHashMap<>();
                    checks.forEach((name, check) -> verdicts.put(name, check.join()));
                    return new Outcome(done, verdicts);
                });
            });
        }
        return job;
    }

    @Test
    void theSynthesizedAppInitializesAndValidatesInEveryStackFolder() {
        Outcome outcome = TerraformJobs.await(start());
        Synthesis synthesis = outcome.synthesis();

        assertThat(synthesis.run().exitCode()).as("%s\n%s", String.join(" ", synthesis.command()), synthesis.run().output()).isZero();
        assertThat(synthesis.stacks()).extracting(p -> p.getFileName().toString())
                .as("stacks synthesized by %s", String.join(" ", synthesis.command()))
                .containsExactlyInAnyOrder("baseline-bootstrap", "baseline-account-default", "baseline-dev", "baseline-staging", "baseline-prod");
        assertThat(outcome.verdicts()).as("the stack validated where it lies").containsOnlyKeys("baseline-dev");
        outcome.verdicts().forEach((stack, verdict) -> assertThat(verdict).as(stack).isEqualTo("valid"));
        String accountLine = "baseline-account-default: the deploying credentials' account, 17 guardrail regions (home us-east-1); "
                + "environments baseline-dev, baseline-staging, baseline-prod";
        assertThat(synthesis.run().output().lines().filter(line -> line.contains(accountLine)))
                .as("the synth output says once what the account stack covers").hasSize(1);
        assertThat(synthesis.run().output()).as("no Node end-of-life banner").doesNotContain("end-of-life");
        assertThat(OUT.resolve(Preview.FILE)).as("the preview, next to the stacks").content().startsWith("# What this synthesis creates");
    }

    /**
     * Stacks disappear between two syntheses into one folder, as they do in a CI job that synthesizes after every change: an
     * environment, its account and Organizations mode go at once. Each synthesis, through cdktf-cli when it is
     * installed, must end well and leave exactly the stacks its settings name.
     */
    @Test
    void everySynthesisEndsWellAndLeavesExactlyTheStacksItsSettingsNameWhenStacksDisappear() {
        List<Step> steps = TerraformJobs.await(sequence);

        assertThat(steps).hasSize(2);
        for (Step step : steps) {
            assertThat(step.run().exitCode()).as("%s (%s):\n%s", step.what(), step.settings(), step.run().output()).isZero();
            List<String> expected = new java.util.ArrayList<>(Synth.app(step.settings()).keySet());
            assertThat(step.stacks()).as("%s: the stack folders left", step.what()).containsExactlyInAnyOrderElementsOf(expected);
        }
        List<String> gone = new java.util.ArrayList<>(steps.get(0).stacks());
        gone.removeAll(steps.get(1).stacks());
        assertThat(gone).as("the second synthesis removes an environment, an account and the organization's stacks")
                .contains("baseline-staging", "baseline-org").anySatisfy(stack -> assertThat(stack).startsWith("baseline-account-"));
    }

    /** Organizations mode, then two accounts without it: staging, its account and the organization's stacks all go at once. */
    private static Map<String, Map<String, String>> steps() {
        Map<String, String> twoAccounts = Map.of("BASELINE_ENVIRONMENTS", "dev,prod", "BASELINE_DEV_ACCOUNT_ID", Layouts.DEV_ACCOUNT,
                "BASELINE_PROD_ACCOUNT_ID", Layouts.PROD_ACCOUNT);
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        settings.put("Organizations mode", Organizations.example());
        settings.put("Organizations mode left, staging and its account removed", twoAccounts);
        return settings;
    }

    private static List<Step> stacksComeAndGo(Map<String, Map<String, String>> settings) {
        Path out = Path.of("target", "workflow", "sequence", "cdktf.out").toAbsolutePath();
        List<Step> steps = new java.util.ArrayList<>();
        try {
            Synth.deleteRecursively(out.getParent());
            Files.createDirectories(out.getParent());
            for (Map.Entry<String, Map<String, String>> step : settings.entrySet()) {
                Map<String, String> environment = new LinkedHashMap<>(step.getValue());
                environment.put("CDKTF_OUTDIR", out.toString());
                Run run = run(sequenceCommand(out), environment);
                steps.add(new Step(step.getKey(), step.getValue(), run, folders(out)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return steps;
    }

    private static List<String> folders(Path out) throws IOException {
        if (!Files.isDirectory(out.resolve("stacks"))) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(out.resolve("stacks"))) {
            return dirs.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * The sequence's synthesis: through cdktf-cli when it is installed, which is where stacks disappearing failed, but with the
     * app started by {@code java} on the test's own class path instead of the Maven command of cdktf.json: the same app, a
     * Maven start fewer each time.
     */
    private static List<String> sequenceCommand(Path out) {
        Optional<Path> cli = TerraformCli.onPath("cdktf");
        String java = Path.of(System.getProperty("java.home"), "bin", "java") + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "
                + System.getProperty("java.class.path") + " " + Main.class.getName();
        return cli.isPresent()
                ? List.of(cli.get().toString(), "synth", "--app", java, "--output", out.toString())
                : List.of("sh", "-c", java);
    }

    /** {@code cdktf synth --output <out>} when cdktf-cli is installed, else the README's Maven command. */
    private static List<String> command(Path out) {
        Optional<Path> cli = TerraformCli.onPath("cdktf");
        return cli.isPresent()
                ? List.of(cli.get().toString(), "synth", "--output", out.toString())
                : List.of(TerraformCli.onPath("mvn").orElseThrow(() -> new AssertionError("neither cdktf nor mvn is on the PATH")).toString(),
                "-q", "compile", "exec:java");
    }

    /** {@code cdktf synth --output} when cdktf-cli is installed, else the README's Maven command. */
    private static Synthesis synthesize() {
        try {
            Synth.deleteRecursively(OUT.getParent().resolve("cdktf.out"));
            Files.createDirectories(OUT.getParent());
            List<String> command = command(OUT);
            Run run = run(command, Map.of("CDKTF_OUTDIR", OUT.toString()));
            List<Path> stacks = List.of();
            if (Files.isDirectory(OUT.resolve("stacks"))) {
                try (Stream<Path> dirs = Files.list(OUT.resolve("stacks"))) {
                    stacks = dirs.sorted().toList();
                }
            }
            return new Synthesis(command, run, stacks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** "valid", or Terraform's own account of what is not. */
    private static String initAndValidate(Path stack) {
        TerraformCli.Result init = TerraformCli.init(stack);
        if (!init.succeeded()) {
            return stack.getFileName() + ": init failed\n" + init.report();
        }
        TerraformCli.Result validate = TerraformCli.validate(stack);
        JsonNode verdict = Synthesized.parseJson(validate.stdout());
        boolean clean = verdict.path("valid").asBoolean() && verdict.path("warning_count").asInt() == 0;
        return clean ? "valid" : stack.getFileName() + ": " + validate.report();
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> command, Map<String, String> extraEnvironment) throws IOException, InterruptedException {
        Path log = Files.createTempFile("workflow", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("BASELINE_") || name.startsWith("TF_VAR_"));
        // Not set: the app keeps jsii's Node banner out itself.
        env.remove("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("TF_CLI_CONFIG_FILE", TerraformCli.cliConfigFile().toString());
        env.putAll(extraEnvironment);
        Process process = builder.start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        if (!finished) {
            process.destroyForcibly();
            return new Run(-1, "timed out\n" + output);
        }
        return new Run(process.exitValue(), output);
    }
}
