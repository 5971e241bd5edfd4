package dev.securebaseline;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An offline plan/apply rehearsal: {@code terraform test} with a mocked AWS provider runs the files in
 * {@code src/test/resources/terraform-tests/<folder>} against the synthesized configuration (they are
 * copied under it, where Terraform looks for them). The S3 backend is skipped with
 * {@code init -backend=false}; Terraform's own report is the failure message.
 *
 * <p>{@code terraform test} destroys what its apply runs created, so the rehearsal synthesizes with
 * {@code BASELINE_ALLOW_DESTROY=true}; the protections themselves are pinned by
 * {@link LifecycleProtectionTest}.
 */
class TerraformRehearsalTest {

    private static final Path SOURCES = Path.of("src", "test", "resources", "terraform-tests");
    private static final Pattern SUMMARY = Pattern.compile("Success! (\\d+) passed, 0 failed\\.");

    @ParameterizedTest(name = "{0} on \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            http-single-nat    | HTTP, single NAT (defaults)
            https-nat-per-zone | HTTPS, NAT per zone, production
            """)
    void everyPlanAndApplyRunPassesAgainstTheMockedProvider(String folder, String configuration) throws IOException {
        Map<String, String> settings = new HashMap<>(Configurations.settings(configuration));
        settings.put(Setting.ALLOW_DESTROY.variable(), "true");
        Synthesized stack = Synth.of(settings);
        int runs = copyTestFiles(SOURCES.resolve(folder), stack.directory().resolve("tests"));

        TerraformCli.Result init = TerraformCli.init(stack.directory());
        assertThat(init.succeeded()).as("terraform init:\n%s", init.report()).isTrue();
        TerraformCli.Result test = TerraformCli.run(stack.directory(), "test", "-no-color");

        assertThat(test.succeeded()).as("terraform test:\n%s", test.report()).isTrue();
        Matcher summary = SUMMARY.matcher(test.stdout());
        assertThat(summary.find()).as("terraform test summary:\n%s", test.report()).isTrue();
        assertThat(Integer.parseInt(summary.group(1))).as("every run block ran and passed").isEqualTo(runs);
    }

    /** Copies the test files and the shared mocks; returns how many run blocks they hold. */
    private static int copyTestFiles(Path from, Path to) throws IOException {
        Synth.deleteRecursively(to);
        Files.createDirectories(to.resolve("mocks"));
        int runs = 0;
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
                runs += (int) Files.readString(file).lines().filter(line -> line.startsWith("run \"")).count();
            }
        }
        try (Stream<Path> mocks = Files.list(SOURCES.resolve("mocks"))) {
            for (Path mock : mocks.toList()) {
                Files.copy(mock, to.resolve("mocks").resolve(mock.getFileName()));
            }
        }
        return runs;
    }
}
