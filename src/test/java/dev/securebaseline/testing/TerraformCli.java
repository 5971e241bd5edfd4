package dev.securebaseline.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real Terraform CLI against synthesized configurations, offline when the machine has a
 * provider mirror.
 *
 * <p>The mirror is the folder that holds {@code registry.terraform.io/hashicorp/aws/...}. It is
 * named by {@value #MIRROR_VARIABLE}, or discovered (three levels below {@code /}, as
 * {@code find / -maxdepth 3 -name registry.terraform.io} would). Without a mirror, {@code init}
 * downloads the provider as usual. A missing {@code terraform} binary fails the test: the schema
 * check is never skipped silently.
 */
public final class TerraformCli {

    static final String MIRROR_VARIABLE = "TF_PROVIDER_MIRROR";

    private static final Path CLI_CONFIG = Path.of("target", "terraform-cli.tfrc").toAbsolutePath();
    private static final List<String> PSEUDO_FILESYSTEMS = List.of("/proc", "/sys", "/dev", "/run");
    private static volatile Optional<Path> mirror;

    private TerraformCli() {
    }

    /** What a run printed, and how it ended. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** Everything a person needs to see when the run was not what the test expected. */
        public String report() {
            return String.join(" ", command) + " exited " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** {@code terraform init -backend=false}: the S3 backend is never contacted. */
    public static Result init(Path dir) {
        return run(dir, initArguments().toArray(String[]::new));
    }

    private static List<String> initArguments() {
        List<String> args = new ArrayList<>(List.of("init", "-backend=false", "-input=false", "-no-color"));
        mirror().ifPresent(m -> args.add("-plugin-dir=" + m));
        return args;
    }

    /**
     * What {@code terraform init} and then {@code terraform <args>} in {@code dir} read, for {@link ToolRuns}: the folder's files
     * (Terraform's own working files aside), the Terraform binary and the version it reports, the mirror's AWS provider
     * binaries, the CLI configuration, the arguments, the {@code TF_} variables Terraform is given, and the code here that runs
     * it. Without a mirror, init downloads the provider: unnamed.
     */
    public static ToolRuns.Inputs inputs(String tool, Path dir, List<String> args) {
        ToolRuns.Inputs inputs = new ToolRuns.Inputs(tool).tree(dir, Set.of(".terraform", ".terraform.lock.hcl")).program(binary())
                .text("terraform version", version()).file(cliConfigFile()).code(TerraformCli.class).code(SharedProvider.class);
        initArguments().forEach(arg -> inputs.text("init argument", arg));
        args.forEach(arg -> inputs.text("argument", arg));
        inputs.variables("TF_", environment(new HashMap<>(System.getenv()), Map.of()));
        Optional<Path> mirror = mirror();
        if (mirror.isEmpty()) {
            return inputs.unnamed();
        }
        try (Stream<Path> providers = Files.walk(mirror.get().resolve("registry.terraform.io").resolve("hashicorp").resolve("aws"),
                java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            providers.filter(Files::isRegularFile).sorted().forEach(inputs::program);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inputs;
    }

    private static volatile String version;

    /** What {@code terraform version -json} says, once per run: a version manager's shim lies where it lies whatever it runs. */
    static String version() {
        if (version == null) {
            Result result = run(Path.of(System.getProperty("java.io.tmpdir")), "version", "-json");
            if (!result.succeeded()) {
                throw new IllegalStateException(result.report());
            }
            version = result.stdout();
        }
        return version;
    }

    /** The arguments of {@code terraform validate} as the suite runs it. */
    public static final List<String> VALIDATE = List.of("validate", "-json", "-no-color");
    /** The arguments of {@code terraform test} as the suite runs it. */
    public static final List<String> TEST = List.of("test", "-no-color");

    /** {@code terraform validate -json}, after init. */
    public static Result validate(Path dir) {
        return run(dir, VALIDATE.toArray(String[]::new));
    }

    /** The same, attached to the suite's one provider process ({@link SharedProvider}). */
    static Result validateOnSharedProvider(Path dir) {
        return runWith(dir, null, SharedProvider.environment(dir), VALIDATE.toArray(String[]::new));
    }

    /** {@code terraform test}, after init, attached to the suite's one provider process ({@link SharedProvider}). */
    public static Result testOnSharedProvider(Path dir) {
        return runWith(dir, null, SharedProvider.environment(dir), TEST.toArray(String[]::new));
    }

    /** {@code terraform console} on one expression (it prints only the last line's value). */
    public static Result console(Path dir, String expression) {
        return runWithInput(dir, expression, "console");
    }

    public static Result run(Path dir, String... args) {
        return runWithInput(dir, null, args);
    }

    private static Result runWithInput(Path dir, String input, String... args) {
        return runWith(dir, input, Map.of(), args);
    }

    private static Result runWith(Path dir, String input, Map<String, String> extra, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        environment(builder.environment(), extra);
        try {
            Path out = Files.createTempFile("terraform", ".out");
            Path err = Files.createTempFile("terraform", ".err");
            Path in = Files.createTempFile("terraform", ".in");
            try {
                Files.writeString(in, input == null ? "" : input + "\n");
                Process process = builder.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("terraform " + String.join(" ", args) + " timed out in " + dir);
                }
                return new Result(command, process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
                Files.deleteIfExists(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The environment Terraform runs in: the machine's, with the suite's CLI configuration and no variables or provider of its own. */
    private static Map<String, String> environment(Map<String, String> env, Map<String, String> extra) {
        env.put("TF_CLI_CONFIG_FILE", cliConfigFile().toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("CHECKPOINT_DISABLE", "1");
        env.keySet().removeIf(name -> name.startsWith("TF_VAR_") || name.equals("TF_REATTACH_PROVIDERS"));
        env.putAll(extra);
        return env;
    }

    /** The terraform binary on the PATH; its absence is a failure, not a skip. */
    static Path binary() {
        return onPath("terraform").orElseThrow(() -> new IllegalStateException(
                "terraform is not on the PATH; the schema check needs Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install)"));
    }

    /** An executable of that name on the PATH. */
    public static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The provider mirror folder, if this machine has one. */
    static Optional<Path> mirror() {
        if (mirror == null) {
            mirror = findMirror();
        }
        return mirror;
    }

    private static Optional<Path> findMirror() {
        String named = System.getenv(MIRROR_VARIABLE);
        if (named != null && !named.isBlank()) {
            Path dir = Path.of(named);
            if (!Files.isDirectory(dir.resolve("registry.terraform.io"))) {
                throw new IllegalStateException(MIRROR_VARIABLE + "=" + named
                        + " does not hold a registry.terraform.io folder; point it at the mirror root");
            }
            return Optional.of(dir);
        }
        String home = System.getProperty("user.home");
        // Terraform's own implied mirror folders first, then a shallow search like
        // `find / -xdev -maxdepth 3 -type d -name registry.terraform.io`.
        for (Path implied : List.of(Path.of(home, ".terraform.d", "plugins"), Path.of(home, ".local", "share", "terraform", "plugins"),
                Path.of("/usr/local/share/terraform/plugins"), Path.of("/usr/share/terraform/plugins"))) {
            if (isMirror(implied)) {
                return Optional.of(implied);
            }
        }
        List<Path> level = List.of(Path.of("/"));
        for (int depth = 1; depth <= 3; depth++) {
            List<Path> next = new ArrayList<>();
            for (Path dir : level) {
                try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                    for (Path child : children) {
                        if (!Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) || PSEUDO_FILESYSTEMS.contains(child.toString())) {
                            continue;
                        }
                        if (child.getFileName().toString().equals("registry.terraform.io") && isMirror(dir)) {
                            return Optional.of(dir);
                        }
                        next.add(child);
                    }
                } catch (IOException | DirectoryIteratorException unreadable) {
                    // a folder we may not read cannot be the mirror we are looking for
                }
            }
            level = next;
        }
        return Optional.empty();
    }

    private static boolean isMirror(Path dir) {
        return Files.isDirectory(dir.resolve("registry.terraform.io").resolve("hashicorp").resolve("aws"));
    }

    /**
     * The CLI configuration the tests give Terraform (and cdktf-cli): empty, because the machine's
     * TF_CLI_CONFIG_FILE may name a file that does not exist.
     */
    public static synchronized Path cliConfigFile() {
        try {
            if (!Files.exists(CLI_CONFIG)) {
                Files.createDirectories(CLI_CONFIG.getParent());
                Files.writeString(CLI_CONFIG, "# written by the test suite; the provider comes from -plugin-dir when a mirror exists\n",
                        StandardCharsets.UTF_8);
            }
            return CLI_CONFIG;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
