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
    private static final Path ROOT = Path.of("target", "synth");

    private Synth() {
    }

    /** The stack with default settings. */
    static Synthesized defaults() {
        return of(Map.of());
    }

    /** The stack for these settings (environment variables → values), synthesized at most once. */
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

    private static synchronized Synthesized synthesize(Map<String, String> env, Consumer<TerraformStack> tamper) {
        return synthesize(env, tamper, Naming.shortHash(env.toString()));
    }

    private static synchronized Synthesized synthesize(Map<String, String> env, Consumer<TerraformStack> tamper, String label) {
        BaselineSettings settings = BaselineSettings.fromEnvironment(env);
        Path outdir = ROOT.resolve(label).toAbsolutePath();
        try {
            deleteRecursively(outdir);
            Files.createDirectories(outdir);
            App app = new App(AppConfig.builder().outdir(outdir.toString()).build());
            BaselineStack stack = new BaselineStack(app, settings.baseName(), settings);
            tamper.accept(stack);
            app.synth();
            Path stackDir = outdir.resolve("stacks").resolve(settings.baseName());
            JsonNode json = JSON.readTree(stackDir.resolve("cdk.tf.json").toFile());
            return new Synthesized(settings, stackDir, json);
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
