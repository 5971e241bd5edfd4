package dev.securebaseline.stacks;

import dev.securebaseline.settings.Setting;
import dev.securebaseline.testing.BackgroundJobs;
import dev.securebaseline.testing.Configurations;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.SharedProvider;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import dev.securebaseline.testing.TerraformCli;
import dev.securebaseline.testing.TerraformJobs;
import dev.securebaseline.testing.ToolRuns;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An offline plan/apply rehearsal: {@code terraform test} with a mocked AWS provider runs the files in
 * {@code src/test/resources/terraform-tests/<folder>} against the synthesized configuration (they are
 * copied under it, where Terraform looks for them, each {@code # include: <name>} line replaced by
 * {@code terraform-tests/shared/<name>}). The S3 backend is skipped with
 * {@code init -backend=false}; Terraform attaches to the suite's one provider process ({@link SharedProvider}), and its own
 * report is the failure message.
 *
 * <p>{@code terraform test} destroys what its apply runs created, so the rehearsal synthesizes with
 * {@code BASELINE_ALLOW_DESTROY=true} and {@code BASELINE_ALLOW_ACCOUNT_DESTROY=true}; the protections
 * themselves are pinned by {@link LifecycleProtectionTest}. Both kinds of stack are rehearsed: environments
 * and an account stack.
 */
@BackgroundJobs(order = 3)
public class TerraformRehearsalTest {

    private static final Path SOURCES = Path.of("src", "test", "resources", "terraform-tests");
    private static final Pattern SUMMARY = Pattern.compile("Success! (\\d+) passed, 0 failed\\.");

    /**
     * What a test-file folder rehearses: the stack these settings synthesize, an environment's or its account's, or
     * in Organizations mode the stack of that name.
     */
    private record Subject(Map<String, String> settings, boolean accountStack, String organizationStack) {
        Subject(Map<String, String> settings, boolean accountStack) {
            this(settings, accountStack, null);
        }

        Synthesized synthesize() {
            Map<String, String> retire = new HashMap<>(settings);
            retire.put(Setting.ALLOW_DESTROY.variable(), "true");
            retire.put(Setting.ALLOW_ACCOUNT_DESTROY.variable(), "true");
            if (organizationStack != null) {
                return Synth.app(retire).get(organizationStack);
            }
            return accountStack ? Synth.accountOf(retire) : Synth.of(retire);
        }
    }

    /** Test-file folder → what it rehearses. */
    private static final Map<String, Subject> REHEARSALS = Map.of(
            "http-single-nat", new Subject(Map.of(), false),
            "https-nat-per-zone", new Subject(Configurations.settings(Configurations.HTTPS_NAT_PER_ZONE), false),
            "account-two-regions", new Subject(Configurations.settings(Configurations.HTTPS_NAT_PER_ZONE), true),
            "organization-org", new Subject(deployedFromItsStateBucket(), false, "baseline-org"),
            "organization-security", new Subject(deployedFromItsStateBucket(), false, "baseline-security"),
            "organization-member", new Subject(deployedFromItsStateBucket(), false, "baseline-account-shared"));

    /** The example organization once its bootstrap is deployed: the stacks that read the log archive's state know its bucket. */
    private static Map<String, String> deployedFromItsStateBucket() {
        Map<String, String> settings = new HashMap<>(Organizations.example());
        settings.put(Setting.STATE_BUCKET.variable(), "baseline-tfstate-20261207101500123400000009");
        return settings;
    }

    /** What {@code terraform init} and {@code terraform test} printed; kept for reuse ({@link ToolRuns}) only when both passed. */
    public record Rehearsal(TerraformCli.Result init, TerraformCli.Result test) {
        boolean passed() {
            return init.succeeded() && test != null && test.succeeded();
        }
    }

    private static final Map<String, CompletableFuture<Rehearsal>> JOBS = new ConcurrentHashMap<>();
    /** How many run blocks each folder's test files hold. */
    private static final Map<String, Integer> RUNS = new ConcurrentHashMap<>();

    /** Synthesizes each rehearsed configuration, then runs its terraform test in the background. */
    public static void start() {
        REHEARSALS.keySet().stream().sorted().forEach(TerraformRehearsalTest::rehearsal);
    }

    private static synchronized CompletableFuture<Rehearsal> rehearsal(String folder) {
        return JOBS.computeIfAbsent(folder, f -> {
            Subject subject = REHEARSALS.get(f);
            Synthesized stack = subject.synthesize();
            RUNS.put(f, copyTestFiles(SOURCES.resolve(f), stack.directory().resolve("tests"), placeholders(subject)));
            String tool = "rehearsal-" + f;
            return TerraformJobs.job(tool, () -> ToolRuns.reuseOrRun(tool, TerraformCli.inputs(tool, stack.directory(), TerraformCli.TEST)
                    .code(TerraformRehearsalTest.class),
                    Rehearsal.class, () -> {
                        TerraformCli.Result init = TerraformCli.init(stack.directory());
                        return new Rehearsal(init, init.succeeded() ? TerraformCli.testOnSharedProvider(stack.directory()) : null);
                    }, Rehearsal::passed));
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http-single-nat     | HTTP, single NAT, the default environment
            https-nat-per-zone  | HTTPS, NAT per zone, production in its own account, retired
            account-two-regions | production's account stack in two regions, adopting what one runs, retired
            organization-org | the example organization's org stack, planned before and after the log archive is deployed
            organization-member | a member's account stack, planned before and after the log archive is deployed
            organization-security | the example organization's security stack
            """)
    void everyPlanAndApplyRunPassesAgainstTheMockedProviders(String folder, String configuration) {
        Rehearsal rehearsal = TerraformJobs.await(rehearsal(folder));

        assertThat(rehearsal.init().succeeded()).as("terraform init:\n%s", rehearsal.init().report()).isTrue();
        assertThat(rehearsal.test().succeeded()).as("terraform test:\n%s", rehearsal.test().report()).isTrue();
        Matcher summary = SUMMARY.matcher(rehearsal.test().stdout());
        assertThat(summary.find()).as("terraform test summary:\n%s", rehearsal.test().report()).isTrue();
        assertThat(Integer.parseInt(summary.group(1))).as("every run block ran and passed").isEqualTo(RUNS.get(folder));
    }

    /**
     * {@code @log_archive.<output>@} in a test file stands for what the log-archive stack of the same settings outputs once
     * deployed (as AWS would name it): the org and account stacks are rehearsed against the names their log archive really
     * writes into its state, so the postcondition they hold is tried on those, not on names copied into the test.
     */
    private static Map<String, String> placeholders(Subject subject) {
        if (subject.organizationStack() == null) {
            return Map.of();
        }
        Map<String, String> placeholders = new HashMap<>();
        Organizations.logArchiveOutputs(subject.settings()).properties()
                .forEach(output -> placeholders.put("@log_archive." + output.getKey() + "@", output.getValue().asText()));
        return placeholders;
    }

    /** Copies the test files (placeholders replaced) and the shared mocks; returns how many run blocks they hold. */
    private static int copyTestFiles(Path from, Path to, Map<String, String> placeholders) {
        try {
            Synth.deleteRecursively(to);
            Files.createDirectories(to.resolve("mocks"));
            int runs = 0;
            for (Path file : list(from)) {
                String text = withIncludes(Files.readString(file));
                for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
                    text = text.replace(placeholder.getKey(), placeholder.getValue());
                }
                if (text.contains("@log_archive.")) {
                    throw new IllegalStateException(file + " has a placeholder the rehearsal does not fill: " + text.substring(text.indexOf("@log_archive.")));
                }
                Files.writeString(to.resolve(file.getFileName()), text);
                runs += (int) text.lines().filter(line -> line.startsWith("run \"")).count();
            }
            for (Path mock : list(SOURCES.resolve("mocks"))) {
                Files.copy(mock, to.resolve("mocks").resolve(mock.getFileName()));
            }
            return runs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern INCLUDE = Pattern.compile("(?m)^# include: (\\S+)$");

    /** {@code # include: <name>} stands for {@code terraform-tests/shared/<name>}: one world, such as the mocked providers, for many files. */
    private static String withIncludes(String text) throws IOException {
        Matcher include = INCLUDE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (include.find()) {
            include.appendReplacement(out, Matcher.quoteReplacement(Files.readString(SOURCES.resolve("shared").resolve(include.group(1)))));
        }
        include.appendTail(out);
        return out.toString();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
