package dev.securebaseline.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.BackgroundJobs;
import dev.securebaseline.testing.PolicyProofs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every policy document of every proven stack fits the size AWS stores for its kind, measured on the document as AWS receives
 * it (interpolations resolved, no whitespace): a role's inline policies together 10,240 characters, a trust policy 2,048 (IAM's
 * default quota), a bucket policy 20 KB, a key policy 32 KB, a topic policy 30 KB, a CloudWatch Logs resource policy and a
 * service or resource control policy 5,120. A document over its limit is refused at apply time, not by validate.
 */
@BackgroundJobs(order = 4, from = PolicyProofs.class)
class PolicySizeTest {

    private static final Map<String, Integer> LIMITS = Map.of(
            "aws_iam_role.assume_role_policy", 2_048,
            "aws_iam_role_policy.policy", 10_240,
            "aws_iam_policy.policy", 6_144,
            "aws_s3_bucket_policy.policy", 20_480,
            "aws_kms_key.policy", 32_768,
            "aws_sns_topic_policy.policy", 30_720,
            "aws_cloudwatch_log_resource_policy.policy_document", 5_120,
            "aws_organizations_resource_policy.content", 40_000,
            "aws_organizations_policy.content", 5_120);

    @Test
    void everyPolicyDocumentFitsTheSizeAwsStoresForItsKind() {
        PolicyProofs.Proofs proofs = PolicyProofs.await();
        List<String> over = new ArrayList<>();
        Map<String, Integer> perRole = new LinkedHashMap<>();
        Map<String, Integer> largest = new LinkedHashMap<>();
        for (PolicyProofs.ProvenDocument proven : proofs.documents()) {
            String address = proven.document().address();
            String kind = address.substring(0, address.indexOf('.')) + "." + proven.document().attribute();
            Integer limit = LIMITS.get(kind);
            assertThat(limit).as("%s: no size limit is known for %s; add AWS's to LIMITS", proven.id(), kind).isNotNull();
            int size = proven.document().resolved().toString().length();
            largest.merge(kind, size, Math::max);
            if (kind.equals("aws_iam_role_policy.policy")) {
                // IAM counts a role's inline policies together.
                JsonNode body = proofs.stacks().get(proven.stack()).resource("aws_iam_role_policy", address.substring(address.indexOf('.') + 1));
                perRole.merge(proven.stack() + " | " + body.path("role").asText(), size, Integer::sum);
            } else if (size > limit) {
                over.add(proven.id() + ": " + size + " characters, AWS stores " + limit);
            }
        }
        perRole.forEach((role, size) -> {
            if (size > LIMITS.get("aws_iam_role_policy.policy")) {
                over.add(role + ": inline policies of " + size + " characters together, IAM stores 10,240");
            }
        });
        assertThat(over).isEmpty();
        assertThat(largest).as("documents of each kind were measured").containsKeys("aws_iam_role.assume_role_policy", "aws_iam_role_policy.policy",
                "aws_kms_key.policy", "aws_s3_bucket_policy.policy", "aws_organizations_policy.content");
        System.out.println("Largest policy documents, in characters: " + largest);
    }
}
