package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.securebaseline.tf.Tf;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Policy documents with one guard lifted ({@link AccessRequest#lifted}): the edits, on copies, never on a stack's JSON. */
final class Guards {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Guards() {
    }

    /** Removes the statements with this Sid; whether there was one. */
    static boolean removeStatement(JsonNode policy, String sid) {
        if (policy == null) {
            return false;
        }
        ArrayNode statements = statements((ObjectNode) policy);
        boolean removed = false;
        for (Iterator<JsonNode> it = statements.elements(); it.hasNext(); ) {
            if (sid.equals(it.next().path("Sid").asText())) {
                it.remove();
                removed = true;
            }
        }
        return removed;
    }

    /** The same, in every policy of every level ({@code {orgIdentifier, policies: [{name, policy}]}}) of an SCP or RCP list. */
    @SuppressWarnings("unchecked")
    static boolean removeStatementFromLevels(List<Object> levels, String sid) {
        boolean removed = false;
        for (Object level : levels) {
            for (Object named : (List<Object>) ((Map<String, Object>) level).get("policies")) {
                removed |= removeStatement((JsonNode) ((Map<String, Object>) named).get("policy"), sid);
            }
        }
        return removed;
    }

    /** Removes these condition keys (under any operator) from the statement with this Sid; whether it had every one. */
    static boolean removeConditions(JsonNode policy, String sid, List<String> keys) {
        if (policy == null) {
            return false;
        }
        for (JsonNode statement : statements((ObjectNode) policy)) {
            if (!sid.equals(statement.path("Sid").asText()) || !statement.has("Condition")) {
                continue;
            }
            ObjectNode condition = (ObjectNode) statement.path("Condition");
            List<String> found = new ArrayList<>();
            List<String> emptied = new ArrayList<>();
            condition.fields().forEachRemaining(operator -> {
                for (String key : keys) {
                    if (((ObjectNode) operator.getValue()).remove(key) != null) {
                        found.add(key);
                    }
                }
                if (operator.getValue().isEmpty()) {
                    emptied.add(operator.getKey());
                }
            });
            condition.remove(emptied);
            if (condition.isEmpty()) {
                ((ObjectNode) statement).remove("Condition");
            }
            return found.containsAll(keys);
        }
        return false;
    }

    /** The policy with a statement that grants exactly this request (the principal's account, or the service). */
    static JsonNode withGrant(JsonNode policy, String principal, String action, String resource) {
        ObjectNode granted = policy == null ? JSON.createObjectNode().put("Version", "2012-10-17") : (ObjectNode) policy.deepCopy();
        ObjectNode grant = statements(granted).addObject().put("Sid", "LiftedGuard").put("Effect", "Allow");
        if (principal.endsWith(".amazonaws.com")) {
            grant.putObject("Principal").put("Service", principal);
        } else if (principal.startsWith("arn:")) {
            grant.putObject("Principal").put("AWS", "arn:aws:iam::" + principal.split(":")[4] + ":root");
        } else {
            grant.put("Principal", "*");
        }
        grant.put("Action", action).put("Resource", resource);
        return granted;
    }

    /** The same, in every identity policy ({@code [{name, policy}]}) of a request. */
    @SuppressWarnings("unchecked")
    static boolean removeStatementFromIdentities(List<Object> identities, String sid) {
        boolean removed = false;
        for (Object named : identities) {
            removed |= removeStatement((JsonNode) ((Map<String, Object>) named).get("policy"), sid);
        }
        return removed;
    }

    /** Deep copies of identity policies ({@code [{name, policy}]}). */
    @SuppressWarnings("unchecked")
    static List<Object> copiedIdentities(List<Object> identities) {
        List<Object> copies = new ArrayList<>();
        for (Object named : identities) {
            Map<String, Object> policy = (Map<String, Object>) named;
            copies.add(Tf.map("name", policy.get("name"), "policy", ((JsonNode) policy.get("policy")).deepCopy()));
        }
        return copies;
    }

    /** Deep copies of SCP or RCP levels, so that lifting a guard never edits another request's documents. */
    @SuppressWarnings("unchecked")
    static List<Object> copied(List<Object> levels) {
        List<Object> copies = new ArrayList<>();
        for (Object level : levels) {
            List<Object> policies = new ArrayList<>();
            for (Object named : (List<Object>) ((Map<String, Object>) level).get("policies")) {
                Map<String, Object> policy = (Map<String, Object>) named;
                policies.add(Tf.map("name", policy.get("name"), "policy", ((JsonNode) policy.get("policy")).deepCopy()));
            }
            copies.add(Tf.map("orgIdentifier", ((Map<String, Object>) level).get("orgIdentifier"), "policies", policies));
        }
        return copies;
    }

    /** The Statement array, made one when the document has a single statement object. */
    private static ArrayNode statements(ObjectNode policy) {
        JsonNode statement = policy.path("Statement");
        if (statement.isArray()) {
            return (ArrayNode) statement;
        }
        ArrayNode array = JSON.createArrayNode();
        if (!statement.isMissingNode()) {
            array.add(statement);
        }
        policy.set("Statement", array);
        return array;
    }
}
