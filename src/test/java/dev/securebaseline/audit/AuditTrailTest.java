package dev.securebaseline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import static dev.securebaseline.testing.Synthesized.texts;
import static dev.securebaseline.testing.Synthesized.ref;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudTrail, once per account in the stack that carries the account baseline: multi-region, validated,
 * encrypted with the audit key, delivered to CloudWatch Logs through a least-privilege role.
 */
class AuditTrailTest {

    private final Synthesized stack = Synth.accountDefaults();

    @Test
    void trailCoversEveryRegionAndGlobalServicesWithLogFileValidation() {
        JsonNode trail = stack.resource("aws_cloudtrail", "main");

        assertThat(trail.path("is_multi_region_trail").asBoolean()).isTrue();
        assertThat(trail.path("include_global_service_events").asBoolean()).isTrue();
        assertThat(trail.path("enable_log_file_validation").asBoolean()).isTrue();
        assertThat(trail.path("enable_logging").asBoolean()).isTrue();
        JsonNode selector = trail.path("event_selector").get(0);
        assertThat(selector.path("read_write_type").asText()).isEqualTo("All");
        assertThat(selector.path("include_management_events").asBoolean()).isTrue();
    }

    @Test
    void trailIsWrittenThroughTheHomeRegionsAccountProvider() {
        assertThat(stack.resource("aws_cloudtrail", "main").path("provider").asText()).isEqualTo("aws.us_east_1");
        assertThat(stack.resource("aws_cloudtrail", "main").path("name").asText()).matches("baseline-account-[0-9a-f]{6}-trail");
    }

    @Test
    void trailIsEncryptedAndWritesToTheAuditBucket() {
        JsonNode trail = stack.resource("aws_cloudtrail", "main");

        assertThat(trail.path("kms_key_id").asText()).isEqualTo(ref("aws_kms_key.audit", "arn"));
        assertThat(trail.path("s3_bucket_name").asText()).isEqualTo(ref("aws_s3_bucket.trail", "id"));
        assertThat(texts(trail.path("depends_on")))
                .as("CloudTrail verifies bucket access at creation")
                .contains("aws_s3_bucket_policy.trail", "aws_iam_role_policy.trail");
    }

    @Test
    void trailIsDeliveredToAnEncryptedLogGroupThroughItsOwnRole() {
        JsonNode trail = stack.resource("aws_cloudtrail", "main");

        assertThat(trail.path("cloud_watch_logs_group_arn").asText()).isEqualTo(ref("aws_cloudwatch_log_group.trail", "arn") + ":*");
        assertThat(trail.path("cloud_watch_logs_role_arn").asText()).isEqualTo(ref("aws_iam_role.trail", "arn"));
        JsonNode logGroup = stack.resource("aws_cloudwatch_log_group", "trail");
        assertThat(logGroup.path("kms_key_id").asText()).isEqualTo(ref("aws_kms_key.audit", "arn"));
        assertThat(logGroup.path("retention_in_days").asText()).isEqualTo("${var.log_retention_days}");
    }

    @Test
    void trailRoleMayOnlyWriteStreamsOfItsLogGroupAndOnlyCloudTrailMayAssumeItWithoutTheSourceConditionsThatBreakDelivery() {
        JsonNode permissions = stack.policy("aws_iam_role_policy", "trail", "policy").path("Statement");
        assertThat(permissions).hasSize(1);
        assertThat(texts(permissions.get(0).path("Action"))).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
        assertThat(permissions.get(0).path("Resource").asText())
                .isEqualTo(ref("aws_cloudwatch_log_group.trail", "arn") + ":log-stream:*");

        JsonNode trust = stack.policy("aws_iam_role", "trail", "assume_role_policy").path("Statement").get(0);
        assertThat(trust.path("Principal").path("Service").asText()).isEqualTo("cloudtrail.amazonaws.com");
        // CloudTrail's CloudWatch Logs delivery sends no source context: AWS's documented role has no condition (prowler 4714).
        assertThat(trust.has("Condition")).as("aws_iam_role.trail trust conditions").isFalse();
        assertThat(trust.has("Resource")).as("aws_iam_role.trail trust Resource").isFalse();
    }
}
