package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The test-only Node helpers of {@code src/test/node} (the policy checker, the Mermaid parser), with the npm
 * packages pinned in its {@code package-lock.json}, installed into {@code target/node-helpers} with
 * {@code npm ci} once per lock file. Never shipped.
 */
public final class NodeHelpers {

    private static final Path SOURCES = Path.of("src", "test", "node");
    private static final Path HOME = Path.of("target", "node-helpers").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One batch of a label at a time: its files are the label's. */
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "policy-proofs.mjs", "mermaid-check.mjs", "workflow-check.mjs");

    private NodeHelpers() {
    }

    /** A working file in the helpers' folder. */
    public static Path file(String name) {
        install();
        return HOME.resolve(name);
    }

    /**
     * Writes {@code batch} to {@code <label>.batch.json}, runs {@code node <script>} on it, and returns the JSON the script
     * writes to {@code <label>.results.json}. The scripts are pure functions of their batch, themselves, the packages
     * installed and node: a run on exactly those inputs is reused ({@link ToolRuns}).
     */
    public static JsonNode check(String script, String label, Object batch) {
        synchronized (LOCKS.computeIfAbsent(label, l -> new Object())) {
            try {
                Path input = file(label + ".batch.json");
                Path output = file(label + ".results.json");
                JSON.writeValue(input.toFile(), batch);
                String tool = script.replace(".mjs", "") + "-" + label;
                ToolRuns.Inputs inputs = new ToolRuns.Inputs(tool).file(input).program(Path.of(node())).text("node version", nodeVersion())
                        .code(NodeHelpers.class);
                // What node runs: the copies here, and the packages npm installed (its own record of them).
                FILES.forEach(file -> inputs.file(HOME.resolve(file)));
                inputs.file(HOME.resolve("node_modules").resolve(".package-lock.json")).variables("NODE_", System.getenv());
                return ToolRuns.reuseOrRun(tool, inputs, JsonNode.class, () -> {
                    try {
                        Files.deleteIfExists(output);
                        String printed = exec(List.of(node(), script, input.toString(), output.toString()));
                        if (!Files.exists(output)) {
                            throw new AssertionError(script + " wrote no result:\n" + printed);
                        }
                        return JSON.readTree(output.toFile());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, written -> true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code npm ci} into target/node-helpers unless the same lock file is installed there already. */
    private static synchronized void install() {
        try {
            Files.createDirectories(HOME);
            for (String file : FILES) {
                Files.copy(SOURCES.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Path marker = HOME.resolve("node_modules").resolve(".installed-lock");
            String lock = Files.readString(SOURCES.resolve("package-lock.json"));
            if (Files.exists(marker) && Files.readString(marker).equals(lock)) {
                return;
            }
            String npm = TerraformCli.onPath("npm").map(Path::toString)
                    .orElseThrow(() -> new AssertionError("npm is not on the PATH; the test helpers need Node.js 20 or newer with npm"));
            exec(List.of(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"));
            Files.writeString(marker, lock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static volatile String nodeVersion;

    /** What {@code node --version} says, once per run. */
    private static String nodeVersion() {
        if (nodeVersion == null) {
            try {
                nodeVersion = exec(List.of(node(), "--version"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return nodeVersion;
    }

    private static String node() {
        return TerraformCli.onPath("node").map(Path::toString)
                .orElseThrow(() -> new AssertionError("node is not on the PATH; the test helpers need Node.js 20 or newer"));
    }

    private static String exec(List<String> command) throws IOException {
        Path log = Files.createTempFile("node-helpers", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(HOME.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " timed out");
            }
            String output = Files.readString(log);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
