package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.tf.Tf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The requests a stack's resources send, with the policies that decide them: a bucket's policy and Block Public Access,
 * a key's policy, a role's trust and inline policies, the region's CloudWatch Logs resource policies. Every reference
 * it follows must resolve inside the stack, or it fails naming the attribute.
 */
final class StackRequests {

    private final String stackLabel;
    private final Synthesized stack;
    private final TerraformModel model;
    private final String account;

    StackRequests(String stackLabel, Synthesized stack, TerraformModel model) {
        this.stackLabel = stackLabel;
        this.stack = stack;
        this.model = model;
        this.account = model.account();
    }

    // ==================================================================== requests

    AccessRequest bucket(String principal, String action, String bucket, String resource) {
        return new AccessRequest(principal, action, resource, account).resourcePolicy(bucketPolicy(bucket)).blockPublicAccess(blocksPublicAccess(bucket));
    }

    AccessRequest key(String principal, String action, String key) {
        return new AccessRequest(principal, action, model.attribute(key, "arn"), account).resourcePolicy(keyPolicy(key));
    }

    /** {@code sts:AssumeRole} on a role, decided by its trust policy. */
    AccessRequest trust(String principal, String role) {
        return new AccessRequest(principal, "sts:AssumeRole", model.attribute(role, "arn"), account)
                .resourcePolicy(Synthesized.parseJson(model.resolve(model.body(role).path("assume_role_policy").asText())));
    }

    /** A request by a role, with every inline policy of the role. */
    AccessRequest role(String role, String action, String resource) {
        AccessRequest request = new AccessRequest(model.attribute(role, "arn"), action, resource, account);
        stack.resources("aws_iam_role_policy").forEach((name, policy) -> {
            if (role.equals(address(policy, "role"))) {
                request.identity("aws_iam_role_policy." + name, Synthesized.parseJson(model.resolve(policy.path("policy").asText())));
            }
        });
        return request;
    }

    // ==================================================================== the policies of a resource

    JsonNode bucketPolicy(String bucket) {
        return policyOf("aws_s3_bucket_policy", "bucket", bucket, "policy");
    }

    JsonNode keyPolicy(String key) {
        return Synthesized.parseJson(model.resolve(model.body(key).path("policy").asText()));
    }

    /** The policy of the {@code type} resource whose {@code attribute} references {@code address}; fails when there is none. */
    JsonNode policyOf(String type, String attribute, String address, String policyAttribute) {
        return stack.resources(type).values().stream()
                .filter(body -> address.equals(TerraformModel.referencedAddress(body.path(attribute).asText())))
                .map(body -> Synthesized.parseJson(model.resolve(body.path(policyAttribute).asText())))
                .findFirst()
                .orElseThrow(() -> new AssertionError(address + " has no " + type));
    }

    /** CloudWatch Logs resource policies apply account-wide in their region: all of them, as one document. */
    JsonNode logResourcePolicies() {
        List<Object> statements = new ArrayList<>();
        stack.resources("aws_cloudwatch_log_resource_policy").values().forEach(body ->
                Synthesized.parseJson(model.resolve(body.path("policy_document").asText())).path("Statement").forEach(statements::add));
        if (statements.isEmpty()) {
            throw new AssertionError(stackLabel + " has no CloudWatch Logs resource policy for its log delivery");
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Tf.map("Version", "2012-10-17", "Statement", statements));
    }

    Optional<String> bucketKeyOf(String bucket) {
        return stack.resources("aws_s3_bucket_server_side_encryption_configuration").values().stream()
                .filter(sse -> bucket.equals(address(sse, "bucket")))
                .map(sse -> sse.path("rule").path(0))
                .filter(rule -> rule.path("bucket_key_enabled").asBoolean(false))
                .map(rule -> TerraformModel.referencedAddress(rule.path("apply_server_side_encryption_by_default").path("kms_master_key_id").asText()))
                .filter(key -> key != null && key.startsWith("aws_kms_key."))
                .findFirst();
    }

    boolean blocksPublicAccess(String bucket) {
        return stack.resources("aws_s3_bucket_public_access_block").values().stream()
                .anyMatch(block -> bucket.equals(address(block, "bucket")) && block.path("restrict_public_buckets").asBoolean(false));
    }

    /** The address an attribute references; fails naming the attribute when it references nothing in the stack. */
    String address(JsonNode body, String attribute) {
        String address = TerraformModel.referencedAddress(body.path(attribute).asText());
        return requireInStack(address, attribute + " = " + body.path(attribute).asText());
    }

    String requireInStack(String address, String where) {
        if (address == null) {
            throw new AssertionError(stackLabel + ": " + where + " references no resource of the stack; the access proofs cannot follow it");
        }
        model.body(address);
        return address;
    }
}
