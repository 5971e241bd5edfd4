package dev.securebaseline.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A tool's saved run stands in for a new one only when every input it reads is byte for byte the same: otherwise the suite
 * would pass on a verdict about a configuration it no longer writes.
 */
class ToolRunsTest {

    private final String tool = "tool-runs-test-" + UUID.randomUUID();
    private final AtomicInteger runs = new AtomicInteger();

    @TempDir
    Path folder;

    @AfterEach
    void removeTheSavedRuns() throws IOException {
        if (Files.isDirectory(ToolRuns.HOME)) {
            try (Stream<Path> saved = Files.list(ToolRuns.HOME)) {
                for (Path file : saved.filter(f -> f.getFileName().toString().startsWith(tool)).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The tool: counts its runs, and answers with what the folder holds. */
    private String run(ToolRuns.Inputs inputs) {
        return run(inputs, true);
    }

    private String run(ToolRuns.Inputs inputs, boolean reuse) {
        return ToolRuns.reuseOrRun(tool, inputs, String.class, () -> {
            runs.incrementAndGet();
            try (Stream<Path> files = Files.walk(folder)) {
                return files.filter(Files::isRegularFile).map(file -> file.getFileName() + "=" + read(file)).sorted().toList().toString();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, output -> !output.contains("unfinished"), reuse);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ToolRuns.Inputs inputs() {
        return new ToolRuns.Inputs(tool).tree(folder, Set.of(".terraform")).text("argument", "validate");
    }

    @Test
    void theSameInputsReuseTheSavedRunAndItsOutput() throws IOException {
        Files.writeString(folder.resolve("cdk.tf.json"), "{\"resource\": {}}");

        String first = run(inputs());
        String second = run(inputs());

        assertThat(runs).as("runs of the tool").hasValue(1);
        assertThat(second).isEqualTo(first).contains("{\"resource\": {}}");
    }

    @Test
    void aChangedByteAnywhereInTheFolderRunsTheToolAgain() throws IOException {
        Files.createDirectories(folder.resolve("tests"));
        Files.writeString(folder.resolve("cdk.tf.json"), "{\"resource\": {}}");
        Files.writeString(folder.resolve("tests").resolve("a.tftest.hcl"), "run \"a\" {}");
        run(inputs());

        Files.writeString(folder.resolve("tests").resolve("a.tftest.hcl"), "run \"b\" {}");
        String afterTheChange = run(inputs());

        assertThat(runs).as("runs of the tool").hasValue(2);
        assertThat(afterTheChange).contains("run \"b\" {}");

        Files.move(folder.resolve("tests").resolve("a.tftest.hcl"), folder.resolve("tests").resolve("b.tftest.hcl"));
        run(inputs());
        assertThat(runs).as("a renamed file is another input").hasValue(3);
    }

    @Test
    void theToolsOwnWorkingFilesAndOtherArgumentsAreTold() throws IOException {
        Files.writeString(folder.resolve("cdk.tf.json"), "{}");
        run(inputs());

        Files.createDirectories(folder.resolve(".terraform"));
        Files.writeString(folder.resolve(".terraform").resolve("modules.json"), "{}");
        run(inputs());
        assertThat(runs).as("Terraform's working folder is not an input").hasValue(1);

        run(new ToolRuns.Inputs(tool).tree(folder, Set.of(".terraform")).text("argument", "test"));
        assertThat(runs).as("another argument is another run").hasValue(2);
    }

    @Test
    void aRunThatDidNotFinishIsNeverSaved() throws IOException {
        Files.writeString(folder.resolve("cdk.tf.json"), "unfinished");

        run(inputs());
        run(inputs());

        assertThat(runs).hasValue(2);
    }

    @Test
    void anInputThatCannotBeNamedIsNeverReused() throws IOException {
        Files.writeString(folder.resolve("cdk.tf.json"), "{}");

        run(inputs().unnamed());
        run(inputs().unnamed());

        assertThat(runs).hasValue(2);
    }

    @Test
    void reuseIsSwitchedOffWithTheSwitch() throws IOException {
        Files.writeString(folder.resolve("cdk.tf.json"), "{}");
        run(inputs());

        run(inputs(), ToolRuns.reuse("false"));

        assertThat(runs).hasValue(2);
        assertThat(ToolRuns.reuse(null)).as("reuse is the default").isTrue();
        assertThat(ToolRuns.reuse("true")).isTrue();
    }

    @Test
    void aMisspelledSwitchIsRefusedNamingItsValueAndWhatIsAccepted() {
        assertThatThrownBy(() -> ToolRuns.reuse("off")).hasMessage("-DreuseToolRuns=\"off\" is not accepted. Accepted: true (the default: "
                + "a run whose inputs are unchanged is reused) or false (every tool runs).");
    }

    @Test
    void theTestCodeThatRunsTheToolIsAnInput() throws IOException {
        Files.writeString(folder.resolve("cdk.tf.json"), "{}");

        run(inputs().code(ToolRunsTest.class));
        run(inputs().code(ToolRunsTest.class));
        run(inputs().code(SchemaCheck.class));

        assertThat(runs).as("the same code reuses, other code runs").hasValue(2);
    }

    @Test
    void terraformsInputsAreTheFolderTheArgumentsAndTheProgramsNotItsWorkingFiles() throws IOException {
        Files.createDirectories(folder.resolve("tests"));
        Files.writeString(folder.resolve("cdk.tf.json"), "{}");
        Files.writeString(folder.resolve("tests").resolve("a.tftest.hcl"), "run \"a\" {}");
        String key = TerraformCli.inputs("t", folder, TerraformCli.TEST).key();

        Files.createDirectories(folder.resolve(".terraform"));
        Files.writeString(folder.resolve(".terraform.lock.hcl"), "# lock");
        assertThat(TerraformCli.inputs("t", folder, TerraformCli.TEST).key()).as("init's own files").isEqualTo(key);
        assertThat(TerraformCli.inputs("t", folder, TerraformCli.VALIDATE).key()).as("another command").isNotEqualTo(key);
        Files.writeString(folder.resolve("tests").resolve("a.tftest.hcl"), "run \"a\" { command = plan }");
        assertThat(TerraformCli.inputs("t", folder, TerraformCli.TEST).key()).as("a test file").isNotEqualTo(key);
        assertThat(TerraformCli.inputs("t", folder, TerraformCli.TEST).reusable())
                .as("reused only when the provider comes from a mirror, which names it; init would download it otherwise")
                .isEqualTo(TerraformCli.mirror().isPresent());
    }
}
