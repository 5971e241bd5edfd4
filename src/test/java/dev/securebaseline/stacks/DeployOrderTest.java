package dev.securebaseline.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.OrganizationSettings;
import dev.securebaseline.testing.BackgroundJobs;
import dev.securebaseline.testing.Layouts;
import dev.securebaseline.testing.LongestNames;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.PipelineAccessPaths;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import dev.securebaseline.testing.TerraformCli;
import dev.securebaseline.testing.TerraformJobs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.securebaseline.testing.Synthesized.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy order is declared to cdktf: every stack's {@code manifest.json} entry names the stack it deploys after, so
 * that {@code cdktf deploy '*'} waits for it and {@code --parallelism} runs the rest side by side. The expected graph is
 * derived here from what each stack is and where it deploys (its provider's {@code allowed_account_ids}), as the docs
 * describe the order; cdktf-cli itself then refuses a deploy or destroy that would break it.
 */
@BackgroundJobs(order = 6)
class DeployOrderTest {

    static Stream<Arguments> apps() {
        Map<String, Map<String, String>> apps = new LinkedHashMap<>(Layouts.all());
        apps.put("the example organization", Organizations.example());
        apps.put("the example organization adopting archive buckets", Organizations.adoptingArchiveBuckets());
        apps.put("the example organization from a pipeline", Organizations.withPipeline());
        apps.put(LongestNames.FIFTY_WORKLOADS, LongestNames.layouts().get(LongestNames.FIFTY_WORKLOADS));
        return apps.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void everyStackDeploysAfterWhatItNeeds(String layout, Map<String, String> env) throws IOException {
        AppSettings settings = AppSettings.fromEnvironment(env);
        Map<String, Synthesized> app = Synth.app(env);
        JsonNode stacks = Synthesized.parseJson(java.nio.file.Files.readString(manifestOf(app))).path("stacks");
        List<String> declared = new ArrayList<>();
        stacks.fieldNames().forEachRemaining(declared::add);
        assertThat(declared).as(layout + ": the manifest's stacks").containsExactlyElementsOf(app.keySet());

        String project = settings.bootstrap().project();
        String bootstrap = settings.bootstrap().stackName();
        boolean organization = settings.organization().isPresent();
        String org = OrganizationSettings.stackName(project, OrganizationSettings.ORG);
        String logArchive = OrganizationSettings.stackName(project, OrganizationSettings.LOG_ARCHIVE);
        String security = OrganizationSettings.stackName(project, OrganizationSettings.SECURITY);
        String beforeAccounts = organization ? security : bootstrap;
        for (Map.Entry<String, Synthesized> stack : app.entrySet()) {
            String name = stack.getKey();
            List<String> expected;
            if (name.equals(bootstrap)) {
                expected = List.of();
            } else if (name.equals(logArchive)) {
                expected = List.of(bootstrap);
            } else if (name.equals(org)) {
                expected = List.of(logArchive);
            } else if (name.equals(security)) {
                expected = List.of(org);
            } else if (PipelineAccessPaths.isPipelineStack(stack.getValue())) {
                expected = List.of(bootstrap);
            } else if (stack.getValue().resources("aws_vpc").isEmpty()) {
                expected = List.of(beforeAccounts);
            } else {
                expected = List.of(accountStackOf(app, stack.getValue(), List.of(bootstrap, org, logArchive, security)).orElse(beforeAccounts));
            }
            assertThat(texts(stacks.path(name).path("dependencies"))).as(layout + ": " + name + " deploys after").isEqualTo(expected);
        }
    }

    /**
     * Independent of the expected graph above: a stack that reads another stack's state ({@code terraform_remote_state}, found
     * by its backend key) deploys after that stack, directly or through the stacks between; otherwise an ordered deploy would
     * plan it before what it reads exists.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void everyStackThatReadsAStateDeploysAfterTheStackThatWritesIt(String layout, Map<String, String> env) throws IOException {
        Map<String, Synthesized> app = Synth.app(env);
        JsonNode stacks = Synthesized.parseJson(java.nio.file.Files.readString(manifestOf(app))).path("stacks");
        Map<String, String> stackOfKey = new LinkedHashMap<>();
        app.forEach((name, stack) -> stackOfKey.put(stack.json().path("terraform").path("backend").path("s3").path("key").asText(), name));
        int reads = 0;
        for (Map.Entry<String, Synthesized> stack : app.entrySet()) {
            for (JsonNode read : stack.getValue().json().path("data").path("terraform_remote_state")) {
                String key = read.path("config").path("key").asText();
                assertThat(stackOfKey).as(layout + ": " + stack.getKey() + " reads the state " + key + " of a stack of the app").containsKey(key);
                assertThat(before(stacks, stack.getKey())).as(layout + ": " + stack.getKey() + " deploys after " + stackOfKey.get(key) + ", whose state it reads")
                        .contains(stackOfKey.get(key));
                reads++;
            }
        }
        boolean readsTheArchive = AppSettings.fromEnvironment(env).organization()
                .map(o -> o.organization().readsLogArchiveState()).orElse(false);
        assertThat(reads > 0).as(layout + ": the stacks read another stack's state (the log archive's)").isEqualTo(readsTheArchive);
    }

    /** Every stack {@code stack} deploys after, directly or not. */
    private static java.util.Set<String> before(JsonNode stacks, String stack) {
        java.util.Set<String> before = new java.util.LinkedHashSet<>();
        java.util.Deque<String> next = new java.util.ArrayDeque<>(texts(stacks.path(stack).path("dependencies")));
        while (!next.isEmpty()) {
            String dependency = next.pop();
            if (before.add(dependency)) {
                next.addAll(texts(stacks.path(dependency).path("dependencies")));
            }
        }
        return before;
    }

    private static CompletableFuture<List<String>> refusals;

    /** The default app is synthesized here; cdktf-cli's two refusals (each a Node process) run in the background. */
    static synchronized CompletableFuture<List<String>> start() {
        if (refusals == null) {
            Optional<Path> cdktf = TerraformCli.onPath("cdktf");
            Path outdir = manifestOf(Synth.app(Map.of())).getParent();
            refusals = cdktf.isEmpty() ? CompletableFuture.completedFuture(null) : TerraformJobs.job("cdktf-refusals",
                    () -> List.of(cdktf(cdktf.get(), outdir, "deploy", "baseline-dev"), cdktf(cdktf.get(), outdir, "destroy", "baseline-bootstrap")));
        }
        return refusals;
    }

    /** cdktf-cli reads the graph from the manifest: deploying an environment alone, or destroying the bootstrap alone, is refused. */
    @Test
    void cdktfRefusesToDeployAStackWithoutWhatItDeploysAfter() {
        List<String> outputs = TerraformJobs.await(start());
        Assumptions.assumeTrue(outputs != null, "cdktf-cli is not installed (.ci/run installs it)");
        assertThat(outputs.get(0)).contains("The following dependencies are not included in the stacks to run: baseline-account-default.");
        assertThat(outputs.get(1)).contains("The following dependant stacks are not included in the stacks to run: baseline-account-default.");
    }

    /** The account stack deploying to the same account as this environment stack (its provider's allowed_account_ids). */
    private static Optional<String> accountStackOf(Map<String, Synthesized> app, Synthesized environment, List<String> notAccountStacks) {
        JsonNode account = environment.json().path("provider").path("aws").path(0).path("allowed_account_ids");
        return app.entrySet().stream()
                .filter(e -> !notAccountStacks.contains(e.getKey()) && e.getValue().resources("aws_vpc").isEmpty() && !PipelineAccessPaths.isPipelineStack(e.getValue())
                        && e.getValue().json().path("provider").path("aws").path(0).path("allowed_account_ids").equals(account))
                .map(Map.Entry::getKey)
                .findFirst();
    }


    private static Path manifestOf(Map<String, Synthesized> app) {
        return app.values().iterator().next().directory().getParent().getParent().resolve("manifest.json");
    }

    /** {@code cdktf <verb> <stack> --skip-synth}: what it prints; it must fail before it runs Terraform. */
    private static String cdktf(Path cdktf, Path outdir, String verb, String stack) {
        try {
            Process process = new ProcessBuilder(cdktf.toString(), verb, stack, "--skip-synth", "--output", outdir.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as("cdktf " + verb + " " + stack + " exit code").isNotZero();
            return output;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
