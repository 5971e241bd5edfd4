package dev.securebaseline;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's workflow end to end, offline: synthesize the whole app the way a user does ({@code cdktf synth}
 * when cdktf-cli is installed, else the README's {@code mvn -q compile exec:java}), then
 * {@code terraform init -backend=false} and {@code terraform validate} in every stack folder.
 */
class WorkflowTest {

    private static final Path OUT = Path.of("target", "workflow", "cdktf.out").toAbsolutePath();

    @Test
    void theSynthesizedAppInitializesAndValidatesInEveryStackFolder() throws Exception {
        Synth.deleteRecursively(OUT.getParent());
        Files.createDirectories(OUT.getParent());
        Optional<Path> cli = TerraformCli.onPath("cdktf");
        List<String> command = cli.isPresent()
                ? List.of(cli.get().toString(), "synth", "--output", OUT.toString())
                : List.of(TerraformCli.onPath("mvn").orElseThrow(() -> new AssertionError("neither cdktf nor mvn is on the PATH")).toString(),
                "-q", "compile", "exec:java");

        Run synth = run(command, Map.of("CDKTF_OUTDIR", OUT.toString()));

        assertThat(synth.exitCode()).as("%s\n%s", String.join(" ", command), synth.output()).isZero();
        List<Path> stacks;
        try (Stream<Path> dirs = Files.list(OUT.resolve("stacks"))) {
            stacks = dirs.sorted().toList();
        }
        assertThat(stacks).extracting(p -> p.getFileName().toString())
                .as("stacks synthesized by %s", String.join(" ", command))
                .containsExactlyInAnyOrder("baseline-bootstrap", "baseline-dev", "baseline-staging", "baseline-prod");

        // Terraform runs in separate processes: two folders at a time on a two-core machine.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> verdicts = new ArrayList<>();
            for (Path stack : stacks) {
                verdicts.add(pool.submit(() -> initAndValidate(stack)));
            }
            for (Future<String> verdict : verdicts) {
                assertThat(verdict.get(10, TimeUnit.MINUTES)).isEqualTo("valid");
            }
        } finally {
            pool.shutdownNow();
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
        env.put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
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
