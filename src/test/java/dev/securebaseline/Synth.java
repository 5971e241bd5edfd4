package dev.securebaseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import com.hashicorp.cdktf.TerraformStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Synthesizes stacks for tests. Each distinct configuration is synthesized once per JVM (the
 * cdktf Node process is shared and single-threaded) into {@code target/synth/<hash>/}.
 */
final class Synth {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Map<String, String>, Synthesized> CACHE = new ConcurrentHashMap<>();
    private static final Map<Map<String, String>, Map<String, Synthesized>> APPS = new ConcurrentHashMap<>();
    private static final Path ROOT = Path.of("target", "synth");

    private Synth() {
    }

    /** The dev stack with default settings. */
    static Synthesized defaults() {
        return of(Map.of());
    }

    /**
     * The one environment stack these settings select (environment variables → values); dev unless
     * {@code BASELINE_ENVIRONMENTS} names another. Synthesized at most once.
     */
    static Synthesized of(Map<String, String> env) {
        Map<String, String> key = new TreeMap<>(env);
        return CACHE.computeIfAbsent(key, k -> synthesize(k, stack -> {
        }));
    }

    /**
     * A one-off synthesis, never cached, with a hook to tamper with the stack before synth (used to
     * prove that the schema check catches a misspelled attribute).
     */
    static synchronized Synthesized uncached(Map<String, String> env, String label, Consumer<TerraformStack> tamper) {
        return synthesize(new TreeMap<>(env), tamper, label);
    }

    /** The settings of the one environment these variables select (dev unless they name another). */
    static BaselineSettings settings(Map<String, String> env) {
        List<BaselineSettings> environments = appSettings(env).environments();
        if (environments.size() != 1) {
            throw new IllegalArgumentException("select exactly one environment, got " + environments.size());
        }
        return environments.get(0);
    }

    /** The app settings of these variables, with dev selected unless they name environments. */
    static AppSettings appSettings(Map<String, String> env) {
        return AppSettings.fromEnvironment(oneEnvironment(env));
    }

    /** The whole app (bootstrap and every configured environment), by stack name, synthesized at most once. */
    static synchronized Map<String, Synthesized> app(Map<String, String> env) {
        Map<String, String> key = new TreeMap<>(env);
        key.put("(whole app)", "");
        if (!APPS.containsKey(key)) {
            AppSettings settings = AppSettings.fromEnvironment(env);
            Path outdir = ROOT.resolve("app-" + Naming.shortHash(key.toString())).toAbsolutePath();
            try {
                deleteRecursively(outdir);
                Files.createDirectories(outdir);
                App app = new App(AppConfig.builder().outdir(outdir.toString()).build());
                Main.compose(app, settings);
                app.synth();
                Map<String, Synthesized> stacks = new LinkedHashMap<>();
                Path bootstrap = outdir.resolve("stacks").resolve(settings.bootstrap().stackName());
                stacks.put(settings.bootstrap().stackName(), new Synthesized(null, null, bootstrap, JSON.readTree(bootstrap.resolve("cdk.tf.json").toFile())));
                for (BaselineSettings environment : settings.environments()) {
                    Path dir = outdir.resolve("stacks").resolve(environment.baseName());
                    stacks.put(environment.baseName(), new Synthesized(environment, settings.accountOf(environment), dir, JSON.readTree(dir.resolve("cdk.tf.json").toFile())));
                }
                APPS.put(key, stacks);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return APPS.get(key);
    }

    private static Map<String, String> oneEnvironment(Map<String, String> env) {
        Map<String, String> withEnvironment = new TreeMap<>(env);
        withEnvironment.putIfAbsent(Setting.ENVIRONMENTS.variable(), "dev");
        return withEnvironment;
    }

    private static synchronized Synthesized synthesize(Map<String, String> env, Consumer<TerraformStack> tamper) {
        return synthesize(env, tamper, Naming.shortHash(env.toString()));
    }

    private static synchronized Synthesized synthesize(Map<String, String> env, Consumer<TerraformStack> tamper, String label) {
        AppSettings app = appSettings(env);
        if (app.environments().size() != 1) {
            throw new IllegalArgumentException("select exactly one environment, got " + app.environments().size());
        }
        BaselineSettings settings = app.environments().get(0);
        Path outdir = ROOT.resolve(label).toAbsolutePath();
        try {
            deleteRecursively(outdir);
            Files.createDirectories(outdir);
            App cdktf = new App(AppConfig.builder().outdir(outdir.toString()).build());
            BaselineStack stack = new BaselineStack(cdktf, settings.baseName(), settings, app.accountOf(settings));
            tamper.accept(stack);
            cdktf.synth();
            Path stackDir = outdir.resolve("stacks").resolve(settings.baseName());
            JsonNode json = JSON.readTree(stackDir.resolve("cdk.tf.json").toFile());
            return new Synthesized(settings, app.accountOf(settings), stackDir, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
