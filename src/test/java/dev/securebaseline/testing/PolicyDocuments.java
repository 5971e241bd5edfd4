package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every policy document of a synthesized stack, with its kind as IAM sees it (from the attribute that
 * carries it, not from the code that wrote it) and its text resolved as IAM reads it after apply.
 */
public final class PolicyDocuments {

    /** Where a policy document lives and what kind of document AWS takes it for there. */
    private record Carrier(String type, String attribute, String kind) {
    }

    private static final List<Carrier> CARRIERS = List.of(
            new Carrier("aws_iam_role", "assume_role_policy", "trust"),
            new Carrier("aws_iam_role_policy", "policy", "identity"),
            new Carrier("aws_iam_policy", "policy", "identity"),
            new Carrier("aws_kms_key", "policy", "resource"),
            new Carrier("aws_s3_bucket_policy", "policy", "resource"),
            new Carrier("aws_sns_topic_policy", "policy", "resource"),
            new Carrier("aws_cloudwatch_log_resource_policy", "policy_document", "resource"),
            new Carrier("aws_organizations_resource_policy", "content", "resource"),
            new Carrier("aws_organizations_policy", "content", null));

    private PolicyDocuments() {
    }

    /** One document: {@code kind} is trust, identity, resource, service-control or resource-control. */
    public record Found(String address, String attribute, String kind, JsonNode resolved) {
        String label() {
            return address + "." + attribute;
        }
    }

    static List<Found> of(Synthesized stack) {
        TerraformModel model = new TerraformModel(stack);
        List<Found> found = new ArrayList<>();
        for (Carrier carrier : CARRIERS) {
            stack.resources(carrier.type()).forEach((name, body) -> {
                if (body.has(carrier.attribute())) {
                    String kind = carrier.kind() != null ? carrier.kind() : organizationsPolicyKind(carrier.type() + "." + name, body);
                    if (kind != null) {
                        String text = model.resolve(body.path(carrier.attribute()).asText());
                        found.add(new Found(carrier.type() + "." + name, carrier.attribute(), kind, Synthesized.parseJson(text)));
                    }
                }
            });
        }
        return found;
    }

    /** Attributes that hold a policy document but are not in the carrier list: a new kind of document to model. */
    public static List<String> unmodelled(Synthesized stack) {
        List<String> unknown = new ArrayList<>();
        stack.json().path("resource").properties().forEach(type -> type.getValue().properties().forEach(resource -> {
            for (Map.Entry<String, JsonNode> attribute : resource.getValue().properties()) {
                String text = attribute.getValue().asText("");
                boolean known = CARRIERS.stream().anyMatch(c -> c.type().equals(type.getKey()) && c.attribute().equals(attribute.getKey()));
                if (!known && attribute.getValue().isTextual() && text.startsWith("{") && text.contains("\"Statement\"")) {
                    unknown.add(type.getKey() + "." + resource.getKey() + "." + attribute.getKey());
                }
            }
        }));
        return unknown;
    }

    private static String organizationsPolicyKind(String address, JsonNode body) {
        return switch (body.path("type").asText("SERVICE_CONTROL_POLICY")) {
            case "SERVICE_CONTROL_POLICY" -> "service-control";
            case "RESOURCE_CONTROL_POLICY" -> "resource-control";
            default -> throw new AssertionError(address + " is an Organizations policy of a type the proofs do not model");
        };
    }
}
