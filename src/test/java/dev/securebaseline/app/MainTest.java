package dev.securebaseline.app;

import dev.securebaseline.preview.Preview;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.testing.BackgroundJobs;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import dev.securebaseline.testing.TerraformJobs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entry point as a user runs it: a separate JVM, settings from the environment, output in ./cdktf.out. Each case runs in
 * a work folder of its own under {@code target/main-test}, started in the background ({@link TerraformJobs}) as soon as the
 * suite starts: each run is a JVM and a Node process of its own, which need not hold up the tests that run in this one.
 */
@BackgroundJobs(order = 5)
class MainTest {

    private static final Path HOME = Path.of("target", "main-test").toAbsolutePath();
    private static final String BOOTSTRAP_BUCKET = "baseline-tfstate-20261207101500123400000009";
    private static final Map<String, CompletableFuture<List<Run>>> CASES = new ConcurrentHashMap<>();

    /** One work folder per case: what is there before, then the runs of Main, in order. */
    private interface Case {
        List<Run> run(Path workDir) throws IOException, InterruptedException;
    }

    /** Every case's runs, in the background; the settings are read here, on the test thread. */
    static synchronized void start() {
        Map<String, String> organization = Organizations.example();
        inBackground("defaults", dir -> List.of(runMain(dir, Map.of())));
        inBackground("stale stacks", dir -> {
            for (String earlier : List.of("baseline-dev", "baseline-staging")) {
                Path stale = dir.resolve("cdktf.out/stacks/" + earlier);
                Files.createDirectories(stale.resolve(".terraform"));
                Files.writeString(stale.resolve("cdk.tf.json"), "{}");
            }
            return List.of(runMain(dir, Map.of("BASELINE_ENVIRONMENTS", "prod")));
        });
        inBackground("bootstrap state", dir -> {
            Path state = dir.resolve("terraform.baseline-bootstrap.tfstate");
            Files.writeString(state, bootstrapState(BOOTSTRAP_BUCKET));
            Run read = runMain(dir, Map.of());
            if (Files.exists(dir.resolve(DEV_STACK))) {
                Files.copy(dir.resolve(DEV_STACK), dir.resolve("dev-after-the-first-run.json"));
            }
            Files.writeString(state, bootstrapState("someone-elses-bucket"));
            return List.of(read, runMain(dir, Map.of()));
        });
        inBackground("organization", dir -> List.of(runMain(dir, organization)));
        inBackground("bad settings", dir -> {
            Path previous = dir.resolve(DEV_STACK);
            Files.createDirectories(previous.getParent());
            Files.writeString(previous, "{\"previous\": true}");
            Files.setLastModifiedTime(previous, FileTime.fromMillis(1_000_000_000_000L));
            Files.writeString(dir.resolve("cdktf.out/manifest.json"), "{\"previous\": true}");
            return List.of(runMain(dir, Map.of("BASELINE_AZ_COUNT", "9", "BASELINE_SSH_CIDR", "0.0.0.0/0", "BASELINE_INSTANC_TYPE", "t3.large")));
        });
    }

    private static final String DEV_STACK = "cdktf.out/stacks/baseline-dev/cdk.tf.json";

    private static void inBackground(String name, Case work) {
        CASES.computeIfAbsent(name, n -> TerraformJobs.job("main-" + n.replace(' ', '-'), () -> {
            try {
                Path dir = workDir(n);
                Synth.deleteRecursively(dir);
                Files.createDirectories(dir);
                return work.run(dir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }));
    }

    /** The runs of a case, once they are done. */
    private static List<Run> runs(String name) {
        start();
        return TerraformJobs.await(CASES.get(name));
    }

    private static Path workDir(String name) {
        return HOME.resolve(name.replace(' ', '-'));
    }

    /** Runs {@code Main} in {@code workDir} with only the given BASELINE_* variables set. */
    static Run runMain(Path workDir, Map<String, String> settings) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-cp", classpath,
                Main.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("BASELINE_") || name.startsWith("CDKTF_"));
        // What jsii would need to silence its Node banner is not set: the app keeps the banner out itself.
        builder.environment().remove("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION");
        builder.environment().putAll(settings);
        Path out = workDir.resolve("main.out");
        Path err = workDir.resolve("main.err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("Main finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    record Run(int exitCode, String stdout, String stderr) {
    }

    @Test
    void withNoConfigurationTheSynthWritesTheDefaultStack() throws Exception {
        Run run = runs("defaults").get(0);
        Path workDir = workDir("defaults");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Path stack = workDir.resolve("cdktf.out/stacks/baseline-dev/cdk.tf.json");
        assertThat(stack).exists();
        assertThat(Synthesized.parseJson(Files.readString(stack)).path("resource").path("aws_vpc").has("main")).isTrue();
        assertThat(workDir.resolve("cdktf.out/manifest.json")).content().contains("baseline-dev");
        assertThat(workDir.resolve("cdktf.out/stacks/baseline-account-default/cdk.tf.json")).exists();
        assertThat(run.stdout()).as("the synth output says the order to deploy and what each account stack covers")
                .contains("Deploy in this order: baseline-bootstrap; then baseline-account-default; then baseline-dev, baseline-staging, "
                        + "baseline-prod")
                .contains("baseline-account-default: the deploying credentials' account, 17 guardrail regions (home us-east-1); "
                        + "environments baseline-dev, baseline-staging, baseline-prod")
                .contains("What each stack creates, where, and its estimated monthly cost: cdktf.out/SUMMARY.md");
        assertThat(workDir.resolve("cdktf.out/SUMMARY.md")).content().startsWith("# What this synthesis creates");
        assertThat(run.stdout() + run.stderr()).as("no Node end-of-life banner, no terminal escape codes")
                .doesNotContain("end-of-life").doesNotContain("\u001b");
        assertThat(run.stdout().lines().filter(line -> line.startsWith("baseline-account-default:"))).as("each account line once").hasSize(1);

        // A second synthesis of the same settings (the suite's own, in this JVM) writes the same bytes.
        Map<String, Synthesized> again = Synth.app(Map.of());
        Path againOut = again.values().iterator().next().directory().getParent().getParent();
        Map<Path, byte[]> first = files(workDir.resolve("cdktf.out"));
        Map<Path, byte[]> second = files(againOut);
        AppSettings defaults = AppSettings.fromEnvironment(Map.of());
        second.put(Path.of(Preview.FILE), Preview.render(Preview.entries(againOut, defaults, new ArrayList<>(again.keySet())), Map.of())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(second.keySet()).as("the same files").isEqualTo(first.keySet());
        first.forEach((file, bytes) -> assertThat(second.get(file)).as("%s is byte-identical in a second synthesis", file).isEqualTo(bytes));
    }

    private static Map<Path, byte[]> files(Path root) throws IOException {
        Map<Path, byte[]> files = new java.util.TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file), Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** As cdktf synth does: a pipeline that deploys every stack folder must not find one the settings dropped. */
    @Test
    void stacksTheRunNoLongerWritesAreRemovedFromTheOutput() throws Exception {
        Run run = runs("stale stacks").get(0);
        Path workDir = workDir("stale stacks");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        try (var folders = Files.list(workDir.resolve("cdktf.out/stacks"))) {
            assertThat(folders.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("baseline-bootstrap", "baseline-account-default", "baseline-prod");
        }
        assertThat(run.stdout()).contains("removed cdktf.out/stacks/baseline-dev: no longer synthesized");
        assertThat(run.stdout()).contains("No state bucket yet (BASELINE_STATE_BUCKET): deploy baseline-bootstrap first");
    }

    /**
     * Nothing is pasted from the bootstrap: once it is deployed, the next synth in the same folder reads its bucket from the
     * bootstrap's own state; a state whose bucket the bootstrap could not have named is refused, and nothing is written.
     */
    @Test
    void afterTheBootstrapIsDeployedTheNextSynthReadsItsBucketFromItsStateAndRefusesAnotherProjects() throws Exception {
        List<Run> runs = runs("bootstrap state");
        Path workDir = workDir("bootstrap state");
        Run run = runs.get(0);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("BASELINE_STATE_BUCKET=" + BOOTSTRAP_BUCKET + ", the state_bucket output of terraform.baseline-bootstrap.tfstate")
                .doesNotContain("No state bucket yet");
        String written = Files.readString(workDir.resolve("dev-after-the-first-run.json"));
        assertThat(written).contains("\"bucket\": \"" + BOOTSTRAP_BUCKET + "\"");

        Run refused = runs.get(1);

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("terraform.baseline-bootstrap.tfstate is not accepted: its state_bucket output is "
                + "\"someone-elses-bucket\"").contains("Accepted: baseline-tfstate-<suffix>");
        assertThat(workDir.resolve(DEV_STACK)).as("a refused run writes nothing").content().isEqualTo(written);
    }

    /** The outputs of a Terraform state as the bootstrap's local backend writes them. */
    private static String bootstrapState(String bucket) {
        return "{\"version\": 4, \"terraform_version\": \"1.11.4\", \"outputs\": {\"state_bucket\": {\"value\": \"" + bucket
                + "\", \"type\": \"string\"}}, \"resources\": []}";
    }

    @Test
    void inOrganizationsModeOneRunWritesEveryStackTheLogArchiveFirstAndAsksForNothingToBePasted() throws Exception {
        Run run = runs("organization").get(0);
        Path workDir = workDir("organization");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("Deploy in this order: baseline-bootstrap; then baseline-log-archive; then baseline-org; then "
                        + "baseline-security; then baseline-account-management, baseline-account-log-archive, baseline-account-security, "
                        + "baseline-account-shared, baseline-account-prod; then baseline-dev, baseline-staging, baseline-prod")
                .doesNotContain("paste").doesNotContain("log_archive_outputs");
        try (var folders = Files.list(workDir.resolve("cdktf.out/stacks"))) {
            assertThat(folders.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("baseline-bootstrap", "baseline-log-archive",
                    "baseline-org", "baseline-security", "baseline-account-management", "baseline-account-log-archive",
                    "baseline-account-security", "baseline-account-shared", "baseline-account-prod", "baseline-dev", "baseline-staging",
                    "baseline-prod");
        }
    }

    @Test
    void badSettingsStopTheRunWithAnActionableMessageAndLeaveThePreviousOutputIntact() throws Exception {
        Run run = runs("bad settings").get(0);
        Path workDir = workDir("bad settings");
        Path previous = workDir.resolve(DEV_STACK);
        Path manifest = workDir.resolve("cdktf.out/manifest.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr())
                .contains("Invalid settings, nothing was synthesized")
                .contains("BASELINE_AZ_COUNT=\"9\" is not accepted for dev, staging and prod: out of range. Accepted: a whole number from 2 to 6.")
                .contains("BASELINE_SSH_CIDR=\"0.0.0.0/0\" is not accepted for prod: SSH is never opened to the whole internet")
                .contains("BASELINE_INSTANC_TYPE=\"t3.large\" is not accepted: the app has no such setting (did you mean BASELINE_INSTANCE_TYPE?)");
        assertThat(previous).content().isEqualTo("{\"previous\": true}");
        assertThat(Files.getLastModifiedTime(previous).toMillis()).isEqualTo(1_000_000_000_000L);
        assertThat(manifest).content().isEqualTo("{\"previous\": true}");
        try (var files = Files.walk(workDir.resolve("cdktf.out"))) {
            assertThat(files.filter(Files::isRegularFile).count()).as("no new file in cdktf.out").isEqualTo(2);
        }
    }
}
