package dev.securebaseline.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.securebaseline.testing.Synthesized.texts;
import static dev.securebaseline.testing.Synthesized.ref;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log buckets: the account's audit buckets (trail, Config, their access logs) and the environment's
 * access-log bucket. Private, versioned, encrypted, TLS-only, logged, with a lifecycle; CloudTrail and
 * Config get exactly what they need.
 */
class AuditStorageTest {

    private static final java.util.Set<String> ACCOUNT_BUCKETS = java.util.Set.of("trail", "config", "audit_access_logs");

    /** The account's buckets are its account stack's; dev's are dev's. */
    private static Synthesized stackOf(String bucket) {
        return ACCOUNT_BUCKETS.contains(bucket) ? Synth.accountDefaults() : Synth.defaults();
    }

    @ParameterizedTest
    @CsvSource({"trail, baseline-account-trail-", "config, baseline-account-config-",
            "audit_access_logs, baseline-account-access-logs-", "access_logs, baseline-dev-access-logs-"})
    void bucketIsUniquelyNamedForWhatItServesAndNeverForceDestroyed(String bucket, String prefix) {
        Synthesized stack = stackOf(bucket);
        JsonNode body = stack.resource("aws_s3_bucket", bucket);

        assertThat(body.path("bucket_prefix").asText()).isEqualTo(prefix).hasSizeLessThanOrEqualTo(37);
        assertThat(body.has("bucket")).as("a fixed name collides on a second deployment").isFalse();
        assertThat(body.path("force_destroy").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"trail", "config", "audit_access_logs", "access_logs"})
    void bucketBlocksAllPublicAccessAndDisablesAcls(String bucket) {
        Synthesized stack = stackOf(bucket);
        JsonNode block = stack.resource("aws_s3_bucket_public_access_block", bucket);
        for (String flag : new String[]{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"}) {
            assertThat(block.path(flag).asBoolean()).as(flag).isTrue();
        }
        assertThat(block.path("bucket").asText()).isEqualTo(ref("aws_s3_bucket." + bucket, "id"));
        assertThat(stack.resource("aws_s3_bucket_ownership_controls", bucket).path("rule").path("object_ownership").asText())
                .isEqualTo("BucketOwnerEnforced");
    }

    @ParameterizedTest
    @CsvSource({"trail, 2557", "config, 2557", "audit_access_logs, 2557", "access_logs, 365"})
    void bucketIsVersionedAndHasALifecycleTheAccountsAuditDataForSevenYears(String bucket, int expirationDays) {
        Synthesized stack = stackOf(bucket);
        assertThat(stack.resource("aws_s3_bucket_versioning", bucket).path("versioning_configuration").path("status").asText())
                .isEqualTo("Enabled");
        JsonNode rule = stack.resource("aws_s3_bucket_lifecycle_configuration", bucket).path("rule").get(0);
        assertThat(rule.path("status").asText()).isEqualTo("Enabled");
        assertThat(rule.path("transition").get(0).path("storage_class").asText()).isEqualTo("GLACIER");
        assertThat(rule.path("transition").get(0).path("days").asInt()).isEqualTo(90);
        assertThat(rule.path("expiration").path("days").asInt()).as("dev's own logs, or the account's audit data").isEqualTo(expirationDays);
        assertThat(rule.path("abort_incomplete_multipart_upload").path("days_after_initiation").asInt()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"trail", "config", "audit_access_logs", "access_logs"})
    void bucketPolicyDeniesEveryRequestWithoutTls(String bucket) {
        Synthesized stack = stackOf(bucket);
        JsonNode deny = stack.statement("aws_s3_bucket_policy", bucket, "policy", "DenyInsecureTransport");

        assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
        assertThat(deny.path("Principal").asText()).isEqualTo("*");
        assertThat(deny.path("Action").asText()).isEqualTo("s3:*");
        assertThat(texts(deny.path("Resource"))).containsExactly(
                ref("aws_s3_bucket." + bucket, "arn"), ref("aws_s3_bucket." + bucket, "arn") + "/*");
        assertThat(deny.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"trail", "config"})
    void auditBucketIsEncryptedWithTheAuditKeyAndABucketKey(String bucket) {
        Synthesized stack = stackOf(bucket);
        JsonNode rule = stack.resource("aws_s3_bucket_server_side_encryption_configuration", bucket).path("rule").get(0);

        assertThat(rule.path("apply_server_side_encryption_by_default").path("sse_algorithm").asText()).isEqualTo("aws:kms");
        assertThat(rule.path("apply_server_side_encryption_by_default").path("kms_master_key_id").asText())
                .isEqualTo(ref("aws_kms_key.audit", "arn"));
        assertThat(rule.path("bucket_key_enabled").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"audit_access_logs", "access_logs"})
    void accessLogBucketUsesS3ManagedKeysBecauseS3LogDeliveryCannotUseKms(String bucket) {
        Synthesized stack = stackOf(bucket);
        JsonNode rule = stack.resource("aws_s3_bucket_server_side_encryption_configuration", bucket).path("rule").get(0);

        assertThat(rule.path("apply_server_side_encryption_by_default").path("sse_algorithm").asText()).isEqualTo("AES256");
    }

    @Test
    void cloudTrailGetsExactlyGetBucketAclAndPutObjectForThisTrail() {
        Synthesized stack = Synth.accountDefaults();
        JsonNode policy = stack.policy("aws_s3_bucket_policy", "trail", "policy");
        String trailArnSuffix = ":trail/" + stack.resource("aws_cloudtrail", "main").path("name").asText();

        JsonNode acl = stack.statement("aws_s3_bucket_policy", "trail", "policy", "CloudTrailChecksBucketAcl");
        assertThat(acl.path("Action").asText()).isEqualTo("s3:GetBucketAcl");
        assertThat(acl.path("Resource").asText()).isEqualTo(ref("aws_s3_bucket.trail", "arn"));
        assertThat(acl.path("Condition").path("StringEquals").path("aws:SourceArn").asText()).endsWith(trailArnSuffix);

        JsonNode write = stack.statement("aws_s3_bucket_policy", "trail", "policy", "CloudTrailWritesLogFiles");
        assertThat(write.path("Action").asText()).isEqualTo("s3:PutObject");
        assertThat(write.path("Resource").asText())
                .isEqualTo(ref("aws_s3_bucket.trail", "arn") + "/AWSLogs/${data.aws_caller_identity.current.account_id}/*");
        assertThat(write.path("Condition").path("StringEquals").path("s3:x-amz-acl").asText()).isEqualTo("bucket-owner-full-control");
        assertThat(write.path("Condition").path("StringEquals").path("aws:SourceArn").asText()).endsWith(trailArnSuffix);

        assertThat(policy.path("Statement")).hasSize(3);
    }

    @ParameterizedTest
    @CsvSource({"trail, audit_access_logs, baseline-account-*", "config, audit_access_logs, baseline-account-*",
            "alb_logs, access_logs, baseline-dev-*"})
    void bucketAccessIsLoggedToTheAccessLogBucketOfItsOwnPart(String bucket, String target, String sources) {
        Synthesized stack = stackOf(bucket);
        JsonNode logging = stack.resource("aws_s3_bucket_logging", bucket);

        assertThat(logging.path("bucket").asText()).isEqualTo(ref("aws_s3_bucket." + bucket, "id"));
        assertThat(logging.path("target_bucket").asText()).isEqualTo(ref("aws_s3_bucket." + target, "id"));
        assertThat(texts(logging.path("depends_on"))).as("logging waits for the grant to logging.s3.amazonaws.com")
                .containsExactly("aws_s3_bucket_policy." + target);
        JsonNode delivery = stack.statement("aws_s3_bucket_policy", target, "policy", "S3ServerAccessLogDelivery");
        assertThat(delivery.path("Principal").path("Service").asText()).isEqualTo("logging.s3.amazonaws.com");
        assertThat(delivery.path("Condition").path("ArnLike").path("aws:SourceArn").asText())
                .isEqualTo("arn:${data.aws_partition.current.partition}:s3:::" + sources);
        assertThat(delivery.path("Condition").path("StringEquals").path("aws:SourceAccount").asText())
                .isEqualTo("${data.aws_caller_identity.current.account_id}");
    }
}
