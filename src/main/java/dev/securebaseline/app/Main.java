package dev.securebaseline.app;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import dev.securebaseline.preview.Preview;
import dev.securebaseline.settings.Account;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.BootstrapState;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.settings.Setting;
import dev.securebaseline.settings.SettingsException;
import dev.securebaseline.pipeline.DeployServices;
import dev.securebaseline.pipeline.GitHubWorkflow;
import dev.securebaseline.stacks.AccountStack;
import dev.securebaseline.stacks.PipelineStack;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.stacks.EnvironmentStack;
import dev.securebaseline.stacks.LogArchiveStack;
import dev.securebaseline.stacks.OrganizationStack;
import dev.securebaseline.stacks.SecurityStack;
import dev.securebaseline.stacks.StateBootstrapStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Entry point for {@code cdktf synth} and {@code mvn compile exec:java}: read and validate the
 * settings, build the stacks, synthesize. Bad settings stop the run before anything is written.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        JsiiNodeBanner.silence();
        AppSettings settings;
        Map<String, String> variables;
        Path bootstrapState = bootstrapStateFolder(System.getenv());
        try {
            variables = BootstrapState.withStateBucket(System.getenv(), bootstrapState);
            settings = AppSettings.fromEnvironment(variables);
        } catch (SettingsException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        App app = new App();
        List<String> stacks = compose(app, settings);
        app.synth();
        Path outdir = Path.of(app.getOutdir());
        if (!runByCdktfCli(System.getenv())) {
            removeStaleStacks(outdir, stacks).forEach(stale ->
                    System.out.println("removed " + stale + ": no longer synthesized"));
        }
        Path summary = Preview.write(outdir, settings, stacks, variables);
        Optional<Path> workflow = GitHubWorkflow.write(outdir, settings, variables);
        // Waves, not a chain: the stacks of one wave depend on none of each other (cdktf deploy '*' --parallelism runs them side by side).
        System.out.println("Deploy in this order: " + settings.deployWaves().stream().map(wave -> String.join(", ", wave))
                .collect(java.util.stream.Collectors.joining("; then ")));
        settings.accountStacks().forEach(account -> System.out.println(account.summary(settings.bootstrap().project())));
        if (!System.getenv().containsKey(Setting.STATE_BUCKET.variable()) && variables.containsKey(Setting.STATE_BUCKET.variable())) {
            System.out.println(Setting.STATE_BUCKET.variable() + "=" + variables.get(Setting.STATE_BUCKET.variable()) + ", the state_bucket output of "
                    + shown(BootstrapState.file(bootstrapState, settings.bootstrap().project())) + " (the bootstrap's own state)");
        }
        if (settings.environments().stream().anyMatch(e -> !e.state().hasBucket())) {
            System.out.println("No state bucket yet (" + Setting.STATE_BUCKET.variable() + "): deploy " + settings.bootstrap().stackName()
                    + " first and synthesize again here (the synth reads its bucket from its state, "
                    + shown(BootstrapState.file(bootstrapState, settings.bootstrap().project())) + "; in CI, set " + Setting.STATE_BUCKET.variable()
                    + " to its state_bucket output); until then the other stacks refuse terraform init.");
        }
        System.out.println("What each stack creates, where, and its estimated monthly cost: " + shown(summary));
        String pipelineStacks = settings.deployTargets().stream().map(t -> t.stackName(settings.bootstrap().project()))
                .collect(java.util.stream.Collectors.joining(", "));
        workflow.ifPresent(file -> System.out.println("The pipeline, for .github/workflows/: " + shown(file) + " (deploy " + pipelineStacks
                + " by hand first, and the bootstrap again whenever the stacks of an account change: see docs/deploy.md#from-a-pipeline)"));
        if (settings.pipeline().isPresent() && workflow.isEmpty()) {
            System.out.println("The pipeline's workflow is written once the synth knows the state bucket: deploy " + settings.bootstrap().stackName()
                    + " and synthesize again here (in CI or another folder, set " + Setting.STATE_BUCKET.variable() + " to its state_bucket output).");
        }
    }

    /**
     * Where the bootstrap's local backend keeps its state: the folder above cdktf's output folder ({@code CDKTF_OUTDIR}, by
     * default {@code cdktf.out}), as its backend path {@code ../../../terraform.<stack>.tfstate} from {@code <outdir>/stacks/<stack>}.
     */
    private static Path bootstrapStateFolder(Map<String, String> environment) {
        return Path.of(environment.getOrDefault("CDKTF_OUTDIR", "cdktf.out")).toAbsolutePath().getParent();
    }

    /** A path under the working folder as a relative one: what a user types next. */
    static Path shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute) : absolute;
    }

    /**
     * The state bootstrap stack; in Organizations mode the organization's own stacks (log archive, org,
     * security); one stack per AWS account; one stack per environment: in the order they are deployed (which is
     * also the order {@code cdktf list} shows). Returns their names.
     */
    public static List<String> compose(App app, AppSettings settings) {
        Map<String, TerraformStack> stacks = new LinkedHashMap<>();
        stacks.put(settings.bootstrap().stackName(), new StateBootstrapStack(app, settings.bootstrap(), settings.deployTargets()));
        settings.organization().ifPresent(organization -> {
            for (TerraformStack stack : List.of(new LogArchiveStack(app, settings.bootstrap(), organization),
                    new OrganizationStack(app, settings.bootstrap(), organization), new SecurityStack(app, settings.bootstrap(), organization))) {
                stacks.put(stack.getNode().getId(), stack);
            }
        });
        for (Account account : settings.accountStacks()) {
            stacks.put(account.stackName(settings.bootstrap().project()), new AccountStack(app, settings.bootstrap(), account));
        }
        for (BaselineSettings environment : settings.environments()) {
            stacks.put(environment.baseName(), new EnvironmentStack(app, environment.baseName(), environment, settings.accountOf(environment)));
        }
        // Last: the pipeline's roles may manage what the stacks of their account write, and no more.
        settings.pipeline().ifPresent(pipeline -> settings.deployTargets().forEach(target -> {
            java.util.Set<String> types = new java.util.TreeSet<>();
            target.stackNames().forEach(name -> types.addAll(Tf.typesWrittenIn(stacks.get(name))));
            stacks.put(target.stackName(settings.bootstrap().project()),
                    new PipelineStack(app, settings.bootstrap(), pipeline, target, DeployServices.servicesOf(types)));
        }));
        // The manifest carries the order: cdktf deploy '*' waits for a stack's predecessor, --parallelism runs the rest side by side.
        settings.deployOrder().forEach((name, after) -> after.ifPresent(before -> stacks.get(name).addDependency(stacks.get(before))));
        return List.copyOf(stacks.keySet());
    }

    /**
     * Is the app run by {@code cdktf synth} (which sets this variable for every app it runs)? cdktf-cli lists the stack
     * folders before it runs the app and deletes the ones the app did not write afterwards; a folder the app had deleted
     * already would make that fail (ENOENT), so under cdktf-cli the app leaves it to the CLI.
     */
    static boolean runByCdktfCli(Map<String, String> environment) {
        return environment.containsKey("CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS");
    }

    /**
     * Deletes the folders of {@code <outdir>/stacks} this run did not write, as {@code cdktf synth} does: a
     * pipeline that deploys every folder must not deploy a stack the settings no longer name.
     */
    static List<Path> removeStaleStacks(Path outdir, List<String> written) {
        Path stacks = outdir.resolve("stacks");
        if (!Files.isDirectory(stacks)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(stacks)) {
            List<Path> stale = folders.filter(Files::isDirectory).filter(f -> !written.contains(f.getFileName().toString())).sorted().toList();
            for (Path folder : stale) {
                try (Stream<Path> tree = Files.walk(folder)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            return stale;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
