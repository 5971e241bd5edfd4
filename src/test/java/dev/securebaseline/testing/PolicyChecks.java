package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The policy checks the suite runs over every synthesized stack, rules apart from the packs that hold them (as cdk-nag
 * does): {@link CheckovChecks}, checkov's checks re-implemented over the JSON, and {@link AccountChecks}, the baseline's
 * own account and organization controls. A deliberate exception is never a change here but an entry of
 * {@code SecurityExceptions}, with its reason.
 *
 * <p>Graph checks ("connected resource exists") are evaluated the way checkov's graph does it: a companion resource is
 * connected when one of its attributes references the resource.
 */
public final class PolicyChecks {

    private PolicyChecks() {
    }

    /** Does this resource pass? */
    @FunctionalInterface
    interface Rule {
        boolean passes(Synthesized stack, String address, JsonNode body);
    }

    /** Does the account baseline of a stack meet a control? The addresses that fail it, or are missing. */
    @FunctionalInterface
    interface AccountRule {
        List<String> failures(Synthesized stack);
    }

    /**
     * One check on one resource type; {@code controls} names what it serves, e.g. "CIS 3.1, FSBP CloudTrail.1".
     * An account check ({@code accountRule}) looks at the whole account baseline, in the stacks that carry one.
     */
    public record Check(String id, String controls, String resourceType, Rule rule, AccountRule accountRule) {

        Check(String id, String controls, String resourceType, Rule rule) {
            this(id, controls, resourceType, rule, null);
        }

        /** A control over the account baseline; {@code anchorType} is a type it always looks at. */
        static Check account(String id, String controls, String anchorType, AccountRule rule) {
            return new Check(id, controls, anchorType, null, rule);
        }

        /** The addresses of the resources that fail it. */
        public List<String> failures(Synthesized stack) {
            if (accountRule != null) {
                return stack.isAccountStack() ? accountRule.failures(stack) : List.of();
            }
            List<String> failed = new ArrayList<>();
            Map<String, JsonNode> resources = resourceType.startsWith("data.")
                    ? StackQueries.dataSources(stack, resourceType.substring(5))
                    : stack.resources(resourceType);
            resources.forEach((name, body) -> {
                String address = resourceType + "." + name;
                if (!rule.passes(stack, address, body)) {
                    failed.add(address);
                }
            });
            return failed;
        }
    }

    /** A failed check on one resource. */
    public record Finding(String check, String address) {
    }

    public static List<Finding> run(Synthesized stack) {
        List<Finding> findings = new ArrayList<>();
        for (Check check : ALL) {
            check.failures(stack).forEach(address -> findings.add(new Finding(check.id(), address)));
        }
        return findings;
    }

    public static List<Check> withId(String id) {
        List<Check> checks = ALL.stream().filter(c -> c.id().equals(id)).toList();
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("no check " + id);
        }
        return checks;
    }

    /** Every check of the suite. */
    public static final List<Check> ALL = java.util.stream.Stream.of(CheckovChecks.ALL, AccountChecks.DEFAULTS, AccountChecks.ORGANIZATION).flatMap(List::stream).toList();
}
