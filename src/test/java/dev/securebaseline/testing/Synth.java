package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import com.hashicorp.cdktf.TerraformStack;
import dev.securebaseline.app.Main;
import dev.securebaseline.settings.Account;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.settings.DeployTarget;
import dev.securebaseline.settings.OrganizationSettings;
import dev.securebaseline.settings.Setting;
import dev.securebaseline.stacks.AccountStack;
import dev.securebaseline.stacks.EnvironmentStack;
import dev.securebaseline.tf.Naming;

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
public final class Synth {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Map<String, String>, Synthesized> CACHE = new ConcurrentHashMap<>();
    private static final Map<Map<String, String>, Synthesized> ACCOUNT_CACHE = new ConcurrentHashMap<>();
    private static final Map<Map<String, String>, Map<String, Synthesized>> APPS = new ConcurrentHashMap<>();
    private static final Path ROOT = Path.of("target", "synth");

    private Synth() {
    }

    /** The dev stack with default settings. */
    public static Synthesized defaults() {
        return of(Map.of());
    }

    /** The account stack with default settings: the one account of dev. */
    public static Synthesized accountDefaults() {
        return accountOf(Map.of());
    }

    /** The account stack of the one environment these settings select, synthesized on its own (at most once). */
    public static Synthesized accountOf(Map<String, String> env) {
        Map<String, String> key = new TreeMap<>(env);
        return ACCOUNT_CACHE.computeIfAbsent(key, k -> synthesize(k, stack -> {
        }, "account-" + Naming.shortHash(k.toString()), Part.ACCOUNT));
    }

    /**
     * The one environment stack these settings select (environment variables → values); dev unless
     * {@code BASELINE_ENVIRONMENTS} names another. Synthesized at most once.
     */
    public static Synthesized of(Map<String, String> env) {
        Map<String, String> key = new TreeMap<>(env);
        return CACHE.computeIfAbsent(key, k -> synthesize(k, stack -> {
        }, Naming.shortHash(k.toString()), Part.ENVIRONMENT));
    }

    /**
     * A one-off synthesis, never cached, with a hook to tamper with the stack before synth (used to
     * prove that the schema check catches a misspelled attribute).
     */
    public static synchronized Synthesized uncached(Map<String, String> env, String label, Consumer<TerraformStack> tamper) {
        return synthesize(new TreeMap<>(env), tamper, label, Part.ENVIRONMENT);
    }

    /** The same, tampering with the account stack, and returning it. */
    public static synchronized Synthesized uncachedAccount(Map<String, String> env, String label, Consumer<TerraformStack> tamper) {
        return synthesize(new TreeMap<>(env), tamper, label, Part.ACCOUNT);
    }

    /** The settings of the one environment these variables select (dev unless they name another). */
    public static BaselineSettings settings(Map<String, String> env) {
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

    /** The whole app (bootstrap, every account, every configured environment), by stack name, synthesized at most once. */
    public static synchronized Map<String, Synthesized> app(Map<String, String> env) {
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
                stacks.put(settings.bootstrap().stackName(), read(null, null, outdir, settings.bootstrap().stackName()));
                if (settings.organization().isPresent()) {
                    for (String part : OrganizationSettings.parts()) {
                        String name = OrganizationSettings.stackName(settings.bootstrap().project(), part);
                        stacks.put(name, read(null, null, outdir, name));
                    }
                }
                for (Account account : settings.accountStacks()) {
                    String name = account.stackName(settings.bootstrap().project());
                    stacks.put(name, read(null, account, outdir, name));
                }
                for (BaselineSettings environment : settings.environments()) {
                    stacks.put(environment.baseName(), read(environment, settings.accountOf(environment), outdir, environment.baseName()));
                }
                for (DeployTarget target : settings.deployTargets()) {
                    String name = target.stackName(settings.bootstrap().project());
                    stacks.put(name, read(null, null, outdir, name));
                }
                APPS.put(key, stacks);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return APPS.get(key);
    }

    private static Synthesized read(BaselineSettings settings, Account account, Path outdir, String stack) throws IOException {
        Path dir = outdir.resolve("stacks").resolve(stack);
        return new Synthesized(settings, account, dir, JSON.readTree(dir.resolve("cdk.tf.json").toFile()));
    }

    private static Map<String, String> oneEnvironment(Map<String, String> env) {
        Map<String, String> withEnvironment = new TreeMap<>(env);
        withEnvironment.putIfAbsent(Setting.ENVIRONMENTS.variable(), "dev");
        return withEnvironment;
    }

    /** Which stack of the selected environment's app a synthesis writes: the environment's, or its account's. */
    private enum Part { ENVIRONMENT, ACCOUNT }

    private static synchronized Synthesized synthesize(Map<String, String> env, Consumer<TerraformStack> tamper, String label, Part part) {
        AppSettings app = appSettings(env);
        if (app.environments().size() != 1) {
            throw new IllegalArgumentException("select exactly one environment, got " + app.environments().size());
        }
        BaselineSettings settings = app.environments().get(0);
        Account account = app.accountOf(settings);
        Path outdir = ROOT.resolve(label).toAbsolutePath();
        try {
            deleteRecursively(outdir);
            Files.createDirectories(outdir);
            App cdktf = new App(AppConfig.builder().outdir(outdir.toString()).build());
            TerraformStack stack = part == Part.ACCOUNT
                    ? new AccountStack(cdktf, app.bootstrap(), account)
                    : new EnvironmentStack(cdktf, settings.baseName(), settings, account);
            tamper.accept(stack);
            cdktf.synth();
            return part == Part.ACCOUNT
                    ? read(null, account, outdir, account.stackName(settings.project()))
                    : read(settings, account, outdir, settings.baseName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path path) throws IOException {
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
