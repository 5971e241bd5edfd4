package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.tf.Tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request as the policy evaluator takes it. */
public final class AccessRequest {
    private final String principal;
    private final String action;
    private final String resource;
    private String resourceAccount;
    private final Map<String, Object> context = new LinkedHashMap<>();
    private final List<Object> identityPolicies = new ArrayList<>();
    private JsonNode resourcePolicy;
    private boolean blockPublicAccess;
    private final List<Object> serviceControlPolicies = new ArrayList<>();
    private final List<Object> resourceControlPolicies = new ArrayList<>();

    AccessRequest(String principal, String action, String resource, String resourceAccount) {
        this.principal = principal;
        this.action = action;
        this.resource = resource;
        this.resourceAccount = resourceAccount;
        context.put("aws:SecureTransport", "true");
        if (principal.endsWith(".amazonaws.com")) {
            context.put("aws:PrincipalServiceName", principal);
        }
    }

    AccessRequest with(String key, String value) {
        context.put(key, value);
        return this;
    }

    AccessRequest identity(String name, JsonNode policy) {
        identityPolicies.add(Tf.map("name", name, "policy", policy));
        return this;
    }

    AccessRequest resourcePolicy(JsonNode policy) {
        this.resourcePolicy = policy;
        return this;
    }

    /** The resource policy with a grant of this request to anyone added: a public grant someone slipped in. */
    AccessRequest publicGrant() {
        this.resourcePolicy = Guards.withGrant(resourcePolicy, "*", action, resource);
        return this;
    }

    AccessRequest blockPublicAccess(boolean on) {
        this.blockPublicAccess = on;
        return this;
    }

    /** The SCPs that apply at one level of the organization (the root, an OU, the account), by name. */
    AccessRequest serviceControlPolicies(String level, Map<String, JsonNode> policies) {
        serviceControlPolicies.add(Tf.map("orgIdentifier", level, "policies", named(policies)));
        return this;
    }

    /** The RCPs that apply at one level of the organization, by name. */
    AccessRequest resourceControlPolicies(String level, Map<String, JsonNode> policies) {
        resourceControlPolicies.add(Tf.map("orgIdentifier", level, "policies", named(policies)));
        return this;
    }

    private static List<Object> named(Map<String, JsonNode> policies) {
        List<Object> named = new ArrayList<>();
        policies.forEach((name, policy) -> named.add(Tf.map("name", name, "policy", policy)));
        return named;
    }

    /**
     * The same request without its guard: the Deny statement removed from every policy that carries it, the Allow
     * statement's conditions removed, a grant of the request added to the resource policy, or Block Public Access off.
     * A guard the request's policies do not carry fails, naming it.
     */
    AccessRequest lifted(Guard guard) {
        AccessRequest lifted = new AccessRequest(principal, action, resource, resourceAccount);
        lifted.context.putAll(context);
        lifted.identityPolicies.addAll(Guards.copiedIdentities(identityPolicies));
        lifted.resourcePolicy = resourcePolicy == null ? null : resourcePolicy.deepCopy();
        lifted.blockPublicAccess = blockPublicAccess;
        lifted.serviceControlPolicies.addAll(Guards.copied(serviceControlPolicies));
        lifted.resourceControlPolicies.addAll(Guards.copied(resourceControlPolicies));
        if (guard instanceof Guard.Both both) {
            return lifted(both.first()).lifted(both.second());
        }
        boolean found;
        if (guard instanceof Guard.Statement statement) {
            found = Guards.removeStatement(lifted.resourcePolicy, statement.sid())
                    | Guards.removeStatementFromIdentities(lifted.identityPolicies, statement.sid())
                    | Guards.removeStatementFromLevels(lifted.serviceControlPolicies, statement.sid())
                    | Guards.removeStatementFromLevels(lifted.resourceControlPolicies, statement.sid());
        } else if (guard instanceof Guard.Conditions conditions) {
            found = Guards.removeConditions(lifted.resourcePolicy, conditions.sid(), conditions.keys());
        } else if (guard instanceof Guard.OutsideItsPermissions) {
            lifted.identity("lifted guard", Synthesized.parseJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
                    + action + "\",\"Resource\":\"" + resource + "\"}]}"));
            found = true;
        } else if (guard instanceof Guard.NoGrant) {
            lifted.resourcePolicy = Guards.withGrant(lifted.resourcePolicy, principal, action, resource);
            found = true;
        } else {
            found = lifted.blockPublicAccess;
            lifted.blockPublicAccess = false;
        }
        if (!found) {
            throw new AssertionError(guard + " is not in the policies of " + principal + " " + action + " " + resource);
        }
        return lifted;
    }

    /** Principal, action and resource, as a proof's id names them. */
    String describe() {
        return principal + " " + action + " " + resource;
    }

    public Map<String, Object> toJson(String id) {
        return Tf.map("id", id, "principal", principal, "action", action, "resource", resource,
                "resourceAccount", resourceAccount, "context", context, "identityPolicies", identityPolicies,
                "resourcePolicy", resourcePolicy, "blockPublicAccess", blockPublicAccess,
                "serviceControlPolicies", serviceControlPolicies.isEmpty() ? null : serviceControlPolicies,
                "resourceControlPolicies", resourceControlPolicies.isEmpty() ? null : resourceControlPolicies);
    }
}
