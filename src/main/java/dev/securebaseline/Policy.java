package dev.securebaseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON policy document (IAM, KMS key, S3 bucket, SNS topic) built statement by statement, in the
 * spirit of the AWS SDK's {@code IamPolicy} builder, and serialised once by {@link #json()}.
 *
 * <p>Values may contain Terraform interpolations such as {@code ${aws_s3_bucket.trail.arn}}; they
 * stay inside JSON string values, where Terraform resolves them.
 */
final class Policy {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Statement> statements;

    private Policy(List<Statement> statements) {
        this.statements = statements;
    }

    static Policy of(Statement... statements) {
        return new Policy(List.of(statements));
    }

    static Statement allow(String sid) {
        return new Statement(sid, "Allow");
    }

    static Statement deny(String sid) {
        return new Statement(sid, "Deny");
    }

    Map<String, Object> toMap() {
        return Tf.map(
                "Version", "2012-10-17",
                "Statement", statements.stream().map(Statement::toMap).toList());
    }

    /** The compact JSON text for a {@code policy} / {@code assume_role_policy} attribute. */
    String json() {
        try {
            return JSON.writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("policy document is not serialisable", e);
        }
    }

    /** One statement; single-valued lists are written as scalars, as AWS's own examples are. */
    static final class Statement {
        private final String sid;
        private final String effect;
        private Object principal;
        private final List<String> actions = new ArrayList<>();
        private final List<String> resources = new ArrayList<>();
        private final Map<String, Map<String, Object>> conditions = new LinkedHashMap<>();

        private Statement(String sid, String effect) {
            this.sid = sid;
            this.effect = effect;
        }

        /** {@code Principal: {"Service": ...}}. */
        Statement service(String... servicePrincipals) {
            principal = Tf.map("Service", scalarOrList(Arrays.asList(servicePrincipals)));
            return this;
        }

        /** {@code Principal: {"AWS": ...}} – account roots or role ARNs. */
        Statement aws(String... arns) {
            principal = Tf.map("AWS", scalarOrList(Arrays.asList(arns)));
            return this;
        }

        /** {@code Principal: "*"} – only ever used with Deny or with narrowing conditions. */
        Statement anyone() {
            principal = "*";
            return this;
        }

        Statement actions(String... values) {
            actions.addAll(Arrays.asList(values));
            return this;
        }

        Statement resources(String... values) {
            resources.addAll(Arrays.asList(values));
            return this;
        }

        Statement resources(List<String> values) {
            resources.addAll(values);
            return this;
        }

        /** Adds {@code Condition: {operator: {key: values}}}. */
        Statement when(String operator, String key, String... values) {
            conditions.computeIfAbsent(operator, op -> new LinkedHashMap<>())
                    .put(key, scalarOrList(Arrays.asList(values)));
            return this;
        }

        Map<String, Object> toMap() {
            if (actions.isEmpty()) {
                throw new IllegalStateException("statement " + sid + " has no actions");
            }
            return Tf.map(
                    "Sid", sid,
                    "Effect", effect,
                    "Principal", principal,
                    "Action", scalarOrList(actions),
                    "Resource", resources.isEmpty() ? "*" : scalarOrList(resources),
                    "Condition", conditions.isEmpty() ? null : conditions);
        }

        private static Object scalarOrList(List<String> values) {
            return values.size() == 1 ? values.get(0) : List.copyOf(values);
        }
    }
}
