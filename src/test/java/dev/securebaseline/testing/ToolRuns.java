package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What an external check printed, reused when everything it reads is what an earlier run of it read, the way
 * {@code go test} reuses the result of a test whose inputs did not change. Only for tools that are deterministic and
 * offline, and whose every input can be named: {@code terraform validate} and {@code terraform test} against the mirror's
 * provider and mocks ({@link TerraformCli#inputs}), the Node checkers at the versions their lock file pins
 * ({@link NodeHelpers#check}). Files count by their bytes, programs by where they lie, their size, modification time and
 * the version they report, and the test code that runs the tool by its compiled bytes. The suite's assertions run on the
 * output every time; only the tool's run is saved.
 *
 * <p>A run is kept only when it ran to its end as the caller expects (a rehearsal that failed runs again next time). Runs
 * live in {@code target/tool-runs}: gone with {@code mvn clean}, absent from a fresh clone (so {@code .ci/run} runs every
 * tool), and never reused with {@code -DreuseToolRuns=false}.
 */
public final class ToolRuns {

    /** The system property that turns reuse off: {@code mvn test -DreuseToolRuns=false}. */
    public static final String SWITCH = "reuseToolRuns";
    static final Path HOME = Path.of("target", "tool-runs");
    /** A few per tool (some run on several inputs in one suite), so that going back to the previous change reuses its runs too. */
    private static final int KEPT_PER_TOOL = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolRuns() {
    }

    /** Everything one run of a tool reads, as a digest; an input that cannot be named makes the run never reused. */
    public static final class Inputs {
        private final MessageDigest digest;
        private boolean named = true;

        public Inputs(String tool) {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            text("tool", tool);
            code(ToolRuns.class);
        }

        /** A value the run reads: an argument, an environment variable. */
        public Inputs text(String label, String value) {
            add(label.getBytes(StandardCharsets.UTF_8));
            add(value == null ? new byte[] {0} : value.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** The variables of {@code environment} whose names start with {@code prefix}, in the order of their names. */
        public Inputs variables(String prefix, Map<String, String> environment) {
            new TreeMap<>(environment).forEach((name, value) -> {
                if (name.startsWith(prefix)) {
                    text(name, value);
                }
            });
            return this;
        }

        /** A file the run reads, by content. */
        public Inputs file(Path file) {
            try {
                text("file", file.getFileName().toString());
                add(Files.readAllBytes(file));
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Every file under the folder, by path and content, but for the folders and files named (Terraform's own working files). */
        public Inputs tree(Path folder, Set<String> skipped) {
            try (Stream<Path> walk = Files.walk(folder)) {
                List<Path> files = walk.filter(Files::isRegularFile)
                        .filter(file -> Stream.of(folder.relativize(file).toString().split("/")).noneMatch(skipped::contains))
                        .sorted(Comparator.comparing(Path::toString)).toList();
                for (Path file : files) {
                    text("path", folder.relativize(file).toString());
                    add(Files.readAllBytes(file));
                }
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * A program the run starts, by where it really lies, its size and its modification time: hashing a 700 MB provider on
         * every run would cost what reuse saves, and a program replaced in place changes at least its time.
         */
        public Inputs program(Path binary) {
            try {
                Path real = binary.toRealPath();
                FileTime modified = Files.getLastModifiedTime(real);
                return text("program", real + " " + Files.size(real) + " " + modified.toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The compiled test code that runs the tool ({@code Foo.class}, lambdas included): how it is started, with which
         * arguments, in which environment, is as much an input as the files it reads.
         */
        public Inputs code(Class<?> runner) {
            String file = runner.getSimpleName() + ".class";
            try (java.io.InputStream bytes = runner.getResourceAsStream(file)) {
                if (bytes == null) {
                    return unnamed();
                }
                text("code", runner.getName());
                add(bytes.readAllBytes());
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** An input this run reads that cannot be named (a provider downloaded at init): the run is never reused. */
        public Inputs unnamed() {
            named = false;
            return this;
        }

        private void add(byte[] bytes) {
            digest.update(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
            digest.update(bytes);
        }

        /** Whether every input was named, so that a saved run may stand in for a new one. */
        boolean reusable() {
            return named;
        }

        /** The digest of the inputs named so far. */
        String key() {
            try {
                return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The saved output of {@code tool} for exactly these inputs, or else the output of {@code run}, saved when {@code finished}
     * says it ran to its end.
     */
    public static <T> T reuseOrRun(String tool, Inputs inputs, Class<T> type, Supplier<T> run, Predicate<T> finished) {
        return reuseOrRun(tool, inputs, type, run, finished, reuse(System.getProperty(SWITCH)));
    }

    /** Whether the switch lets a saved run be reused; anything but {@code true} or {@code false} is a mistake, said as such. */
    static boolean reuse(String switchValue) {
        if (switchValue == null || switchValue.equals("true")) {
            return true;
        }
        if (switchValue.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("-D" + SWITCH + "=\"" + switchValue + "\" is not accepted. Accepted: true (the default: a run "
                + "whose inputs are unchanged is reused) or false (every tool runs).");
    }

    /** The same, the switch given: the suite's own test of reuse never touches the JVM's properties. */
    static <T> T reuseOrRun(String tool, Inputs inputs, Class<T> type, Supplier<T> run, Predicate<T> finished, boolean reuse) {
        Path saved = inputs.reusable() ? HOME.resolve(tool + "." + inputs.key() + ".json") : null;
        if (reuse && saved != null && Files.exists(saved)) {
            try {
                T output = JSON.readValue(saved.toFile(), type);
                Files.setLastModifiedTime(saved, FileTime.fromMillis(System.currentTimeMillis()));
                TerraformJobs.log(tool + " reused (" + HOME.relativize(saved) + ")");
                return output;
            } catch (IOException unreadable) {
                // a damaged file is a reason to run the tool, never to fail
            }
        }
        T output = run.get();
        if (saved != null && finished.test(output)) {
            save(tool, saved, output);
        }
        return output;
    }

    private static void save(String tool, Path saved, Object output) {
        try {
            Files.createDirectories(HOME);
            Path partial = Files.createTempFile(HOME, tool, ".partial");
            JSON.writeValue(partial.toFile(), output);
            Files.move(partial, saved, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (Stream<Path> runs = Files.list(HOME)) {
                List<Path> ofTool = runs.filter(file -> file.getFileName().toString().startsWith(tool + ".")
                                && file.getFileName().toString().endsWith(".json"))
                        .sorted(Comparator.comparing(ToolRuns::modified).reversed()).toList();
                for (Path old : ofTool.subList(Math.min(KEPT_PER_TOOL, ofTool.size()), ofTool.size())) {
                    Files.deleteIfExists(old);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
