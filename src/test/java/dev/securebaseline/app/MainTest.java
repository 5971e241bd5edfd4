package dev.securebaseline.app;

import dev.securebaseline.preview.Preview;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The entry point as a user runs it: a separate JVM, settings from the environment, output in ./cdktf.out. */
class MainTest {

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
    void withNoConfigurationTheSynthWritesTheDefaultStack(@TempDir Path workDir) throws Exception {
        Run run = runMain(workDir, Map.of());

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
    void stacksTheRunNoLongerWritesAreRemovedFromTheOutput(@TempDir Path workDir) throws Exception {
        for (String earlier : List.of("baseline-dev", "baseline-staging")) {
            Path stale = workDir.resolve("cdktf.out/stacks/" + earlier);
            Files.createDirectories(stale.resolve(".terraform"));
            Files.writeString(stale.resolve("cdk.tf.json"), "{}");
        }

        Run run = runMain(workDir, Map.of("BASELINE_ENVIRONMENTS", "prod"));

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
    void afterTheBootstrapIsDeployedTheNextSynthReadsItsBucketFromItsStateAndRefusesAnotherProjects(@TempDir Path workDir) throws Exception {
        String bucket = "baseline-tfstate-20261207101500123400000009";
        Path state = workDir.resolve("terraform.baseline-bootstrap.tfstate");
        Files.writeString(state, bootstrapState(bucket));

        Run run = runMain(workDir, Map.of());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("BASELINE_STATE_BUCKET=" + bucket + ", the state_bucket output of terraform.baseline-bootstrap.tfstate")
                .doesNotContain("No state bucket yet");
        Path dev = workDir.resolve("cdktf.out/stacks/baseline-dev/cdk.tf.json");
        assertThat(Files.readString(dev)).contains("\"bucket\": \"" + bucket + "\"");
        String written = Files.readString(dev);

        Files.writeString(state, bootstrapState("someone-elses-bucket"));
        Run refused = runMain(workDir, Map.of());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("terraform.baseline-bootstrap.tfstate is not accepted: its state_bucket output is "
                + "\"someone-elses-bucket\"").contains("Accepted: baseline-tfstate-<suffix>");
        assertThat(Files.readString(dev)).as("a refused run writes nothing").isEqualTo(written);
    }

    /** The outputs of a Terraform state as the bootstrap's local backend writes them. */
    private static String bootstrapState(String bucket) {
        return "{\"version\": 4, \"terraform_version\": \"1.11.4\", \"outputs\": {\"state_bucket\": {\"value\": \"" + bucket
                + "\", \"type\": \"string\"}}, \"resources\": []}";
    }

    @Test
    void inOrganizationsModeOneRunWritesEveryStackTheLogArchiveFirstAndAsksForNothingToBePasted(@TempDir Path workDir) throws Exception {
        Run run = runMain(workDir, Organizations.example());

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
    void badSettingsStopTheRunWithAnActionableMessageAndLeaveThePreviousOutputIntact(@TempDir Path workDir) throws Exception {
        Path previous = workDir.resolve("cdktf.out/stacks/baseline-dev/cdk.tf.json");
        Files.createDirectories(previous.getParent());
        Files.writeString(previous, "{\"previous\": true}");
        Files.setLastModifiedTime(previous, FileTime.fromMillis(1_000_000_000_000L));
        Path manifest = workDir.resolve("cdktf.out/manifest.json");
        Files.writeString(manifest, "{\"previous\": true}");

        Run run = runMain(workDir, Map.of("BASELINE_AZ_COUNT", "9", "BASELINE_SSH_CIDR", "0.0.0.0/0", "BASELINE_INSTANC_TYPE", "t3.large"));

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
