package dev.securebaseline.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securebaseline.tf.Tf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON policy document of one kind, in the spirit of the AWS SDK's {@code IamPolicy} builder, serialised
 * once by {@link #json()}. Each kind takes only statements of its own kind, and each statement kind can hold
 * only the elements IAM accepts in that kind of document (IAM's grammar, and Access Analyzer's
 * {@code ValidatePolicy}):
 *
 * <ul>
 *   <li>{@link Trust} (a role's {@code assume_role_policy}): a principal, STS actions, never a
 *       {@code Resource} (IAM refuses it: "Has prohibited field Resource");</li>
 *   <li>{@link Identity} (a role's permissions): resources, never a principal;</li>
 *   <li>{@link Resource} (bucket, key, topic, log resource policies): always a principal and resources;</li>
 *   <li>{@link ServiceControl} (SCP): no principal;</li>
 *   <li>{@link ResourceControl} (RCP): always {@code Deny} and {@code Principal: "*"}.</li>
 * </ul>
 *
 * <p>Values may contain Terraform interpolations such as {@code ${aws_s3_bucket.trail.arn}}; they stay
 * inside JSON string values, where Terraform resolves them.
 */
public final class Policy {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The kinds of policy document AWS distinguishes. */
    enum Kind {
        TRUST, IDENTITY, RESOURCE, SERVICE_CONTROL, RESOURCE_CONTROL
    }

    private final Kind kind;
    private final List<? extends Statement<?>> statements;

    private Policy(Kind kind, List<? extends Statement<?>> statements) {
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " policy needs at least one statement");
        }
        this.kind = kind;
        this.statements = statements;
    }

    static Policy trust(Trust... statements) {
        return new Policy(Kind.TRUST, List.of(statements));
    }

    static Policy identity(Identity... statements) {
        return new Policy(Kind.IDENTITY, List.of(statements));
    }

    static Policy resource(Resource... statements) {
        return new Policy(Kind.RESOURCE, List.of(statements));
    }

    static Policy resource(List<Resource> statements) {
        return new Policy(Kind.RESOURCE, List.copyOf(statements));
    }

    public static Policy serviceControl(ServiceControl... statements) {
        return new Policy(Kind.SERVICE_CONTROL, List.of(statements));
    }

    public static Policy resourceControl(ResourceControl... statements) {
        return new Policy(Kind.RESOURCE_CONTROL, List.of(statements));
    }

    Kind kind() {
        return kind;
    }

    Map<String, Object> toMap() {
        return Tf.map(
                "Version", "2012-10-17",
                "Statement", statements.stream().map(Statement::toMap).toList());
    }

    /** The compact JSON text for a {@code policy} / {@code assume_role_policy} / {@code content} attribute. */
    public String json() {
        try {
            return JSON.writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("policy document is not serialisable", e);
        }
    }

    // ==================================================================== principals

    /** Who a trust or resource statement is about. */
    record Principal(Object value) {

        /** {@code {"Service": ...}}: one or more AWS service principals. */
        static Principal service(String... servicePrincipals) {
            return new Principal(Tf.map("Service", scalarOrList(Arrays.asList(servicePrincipals))));
        }

        /** {@code {"AWS": ...}}: account roots or role ARNs. */
        static Principal aws(String... arns) {
            return new Principal(Tf.map("AWS", scalarOrList(Arrays.asList(arns))));
        }

        /** {@code {"Federated": ...}}: an identity provider of the account, such as GitHub's OpenID Connect provider. */
        static Principal federated(String providerArn) {
            return new Principal(Tf.map("Federated", providerArn));
        }

        /** {@code "*"}: only ever with Deny, or narrowed by conditions. */
        static Principal anyone() {
            return new Principal("*");
        }
    }

    // ==================================================================== statements

    /** What every statement has: a Sid, an effect, actions (or NotAction) and conditions. */
    abstract static class Statement<S extends Statement<S>> {
        private final String sid;
        private final String effect;
        private final List<String> actions = new ArrayList<>();
        private final List<String> notActions = new ArrayList<>();
        private final Map<String, Map<String, Object>> conditions = new LinkedHashMap<>();

        Statement(String sid, boolean allow) {
            this.sid = sid;
            this.effect = allow ? "Allow" : "Deny";
        }

        abstract S self();

        /** {@code Principal}, or null for kinds that have none. */
        abstract Object principal();

        /** {@code Resource}, or null for kinds that have none. */
        abstract Object resource();

        public S actions(String... values) {
            actions.addAll(Arrays.asList(values));
            return self();
        }

        /** Adds {@code Condition: {operator: {key: values}}}. */
        public S when(String operator, String key, String... values) {
            conditions.computeIfAbsent(operator, op -> new LinkedHashMap<>()).put(key, scalarOrList(Arrays.asList(values)));
            return self();
        }

        void notActions(String... values) {
            notActions.addAll(Arrays.asList(values));
        }

        Map<String, Object> toMap() {
            if (actions.isEmpty() == notActions.isEmpty()) {
                throw new IllegalStateException("statement " + sid + " needs either actions or NotAction, not both");
            }
            return Tf.map(
                    "Sid", sid,
                    "Effect", effect,
                    "Principal", principal(),
                    "Action", actions.isEmpty() ? null : scalarOrList(actions),
                    "NotAction", notActions.isEmpty() ? null : scalarOrList(notActions),
                    "Resource", resource(),
                    "Condition", conditions.isEmpty() ? null : conditions);
        }
    }

    /** A statement of a role's trust policy: who may assume it. STS actions only, and never a Resource. */
    static final class Trust extends Statement<Trust> {
        private final Principal principal;

        private Trust(String sid, Principal principal) {
            super(sid, true);
            this.principal = principal;
        }

        /** {@code principal} may call {@code sts:AssumeRole} on the role. */
        static Trust assumeRole(String sid, Principal principal) {
            return new Trust(sid, principal).actions("sts:AssumeRole");
        }

        /**
         * Tokens of an OpenID Connect provider may assume the role, and only those for {@code audience} whose subject is one
         * of {@code subjects} and whose other {@code claims} (STS's provider-specific keys) have these values, each compared
         * whole: a trust of this kind cannot be written without audience and subject, nor with a pattern.
         */
        static Trust webIdentity(String sid, String providerArn, String issuer, String audience, List<String> subjects, Map<String, String> claims) {
            if (subjects.isEmpty() || audience.isEmpty()) {
                throw new IllegalArgumentException(sid + ": a web identity trust names its audience and at least one subject");
            }
            List<String> values = new ArrayList<>(subjects);
            values.addAll(claims.values());
            for (String value : values) {
                if (value.contains("*") || value.contains("?")) {
                    throw new IllegalArgumentException(sid + ": " + value + " is a pattern; a trust names whole claims");
                }
            }
            Trust trust = new Trust(sid, Principal.federated(providerArn)).actions("sts:AssumeRoleWithWebIdentity")
                    .when("StringEquals", issuer + ":aud", audience)
                    .when("StringEquals", issuer + ":sub", subjects.toArray(String[]::new));
            claims.forEach((claim, value) -> trust.when("StringEquals", issuer + ":" + claim, value));
            return trust;
        }

        @Override
        public Trust actions(String... values) {
            for (String action : values) {
                if (!action.startsWith("sts:")) {
                    throw new IllegalArgumentException(action + " has no place in a trust policy: only STS actions do");
                }
            }
            return super.actions(values);
        }

        @Override
        Trust self() {
            return this;
        }

        @Override
        Object principal() {
            return principal.value();
        }

        @Override
        Object resource() {
            return null;
        }
    }

    /** A statement of an identity policy (a role's permissions): resources, never a principal. */
    static final class Identity extends Statement<Identity> {
        private final List<String> resources;

        private Identity(String sid, boolean allow, List<String> resources) {
            super(sid, allow);
            this.resources = requireResources(sid, resources);
        }

        /** Allows the actions that follow on exactly these resources. */
        static Identity allow(String sid, String... resources) {
            return new Identity(sid, true, List.of(resources));
        }

        /** Denies the actions that follow (or every action but {@link #exceptActions}) on these resources. */
        static Identity deny(String sid, String... resources) {
            return new Identity(sid, false, List.of(resources));
        }

        /** {@code NotAction}: the deny covers every action but these. */
        Identity exceptActions(String... values) {
            notActions(values);
            return this;
        }

        @Override
        Identity self() {
            return this;
        }

        @Override
        Object principal() {
            return null;
        }

        @Override
        Object resource() {
            return scalarOrList(resources);
        }
    }

    /**
     * A statement of a resource policy (bucket, key, topic, log resource policy): always a principal and
     * resources. In a key policy the resource is the key itself, {@link #THIS_KEY}.
     */
    static final class Resource extends Statement<Resource> {
        /** In a key policy, {@code "Resource": "*"} means the key the policy is attached to. */
        static final String THIS_KEY = "*";

        private final Principal principal;
        private final List<String> resources;

        private Resource(String sid, boolean allow, Principal principal, List<String> resources) {
            super(sid, allow);
            this.principal = principal;
            this.resources = requireResources(sid, resources);
        }

        static Resource allow(String sid, Principal principal, String... resources) {
            return new Resource(sid, true, principal, List.of(resources));
        }

        static Resource deny(String sid, Principal principal, String... resources) {
            return new Resource(sid, false, principal, List.of(resources));
        }

        @Override
        Resource self() {
            return this;
        }

        @Override
        Object principal() {
            return principal.value();
        }

        @Override
        Object resource() {
            return scalarOrList(resources);
        }
    }

    /** A statement of a service control policy: what the accounts below may do; no principal. */
    public static final class ServiceControl extends Statement<ServiceControl> {
        private final List<String> resources;

        private ServiceControl(String sid, boolean allow, List<String> resources) {
            super(sid, allow);
            this.resources = requireResources(sid, resources);
        }

        public static ServiceControl deny(String sid, String... resources) {
            return new ServiceControl(sid, false, List.of(resources));
        }

        /** Denies everything but these actions (for "only these regions" guardrails). */
        public ServiceControl exceptActions(String... values) {
            notActions(values);
            return this;
        }

        @Override
        ServiceControl self() {
            return this;
        }

        @Override
        Object principal() {
            return null;
        }

        @Override
        Object resource() {
            return scalarOrList(resources);
        }
    }

    /**
     * A statement of a resource control policy: a Deny that applies to every principal touching the
     * organization's resources; AWS accepts nothing else in an RCP.
     */
    public static final class ResourceControl extends Statement<ResourceControl> {
        private final List<String> resources;

        private ResourceControl(String sid, List<String> resources) {
            super(sid, false);
            this.resources = requireResources(sid, resources);
        }

        public static ResourceControl deny(String sid, String... resources) {
            return new ResourceControl(sid, List.of(resources));
        }

        @Override
        ResourceControl self() {
            return this;
        }

        @Override
        Object principal() {
            return "*";
        }

        @Override
        Object resource() {
            return scalarOrList(resources);
        }
    }

    private static List<String> requireResources(String sid, List<String> resources) {
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("statement " + sid + " names no resource");
        }
        return List.copyOf(resources);
    }

    /** Single-valued lists are written as scalars, as AWS's own examples are. */
    private static Object scalarOrList(List<String> values) {
        return values.size() == 1 ? values.get(0) : List.copyOf(values);
    }
}
