package dev.securebaseline;

import com.fasterxml.jackson.databind.JsonNode;
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
 * {@code terraform init -backend=false} and {@code terraform validate} in every stack folder. Both run
 * as background jobs ({@link TerraformJobs}), two Terraform processes at a time.
 */
class WorkflowTest {

    private static final Path OUT = Path.of("target", "workflow", "cdktf.out").toAbsolutePath();

    private record Synthesis(List<String> command, Run run, List<Path> stacks) {
    }

    private record Outcome(Synthesis synthesis, Map<String, String> verdicts) {
    }

    private static CompletableFuture<Outcome> job;

    /** Synthesis (a process) and every stack's init and validate, in the background. */
    static synchronized CompletableFuture<Outcome> start() {
        if (job == null) {
            CompletableFuture<Synthesis> synthesis = TerraformJobs.job("workflow-synth", WorkflowTest::synthesize);
            job = synthesis.thenCompose(done -> {
                Map<String, CompletableFuture<String>> checks = new LinkedHashMap<>();
                for (Path stack : done.stacks()) {
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
        outcome.verdicts().forEach((stack, verdict) -> assertThat(verdict).as(stack).isEqualTo("valid"));
        String accountLine = "baseline-account-default: the deploying credentials' account, 17 guardrail regions (home us-east-1); "
                + "environments baseline-dev, baseline-staging, baseline-prod";
        assertThat(synthesis.run().output().lines().filter(line -> line.contains(accountLine)))
                .as("the synth output says once what the account stack covers").hasSize(1);
        assertThat(synthesis.run().output()).as("no Node end-of-life banner").doesNotContain("end-of-life");
        assertThat(OUT.resolve(Preview.FILE)).as("the preview, next to the stacks").content().startsWith("# What this synthesis creates");
    }

    /** {@code cdktf synth --output} when cdktf-cli is installed, else the README's Maven command. */
    private static Synthesis synthesize() {
        try {
            Synth.deleteRecursively(OUT.getParent());
            Files.createDirectories(OUT.getParent());
            Optional<Path> cli = TerraformCli.onPath("cdktf");
            List<String> command = cli.isPresent()
                    ? List.of(cli.get().toString(), "synth", "--output", OUT.toString())
                    : List.of(TerraformCli.onPath("mvn").orElseThrow(() -> new AssertionError("neither cdktf nor mvn is on the PATH")).toString(),
                    "-q", "compile", "exec:java");
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
