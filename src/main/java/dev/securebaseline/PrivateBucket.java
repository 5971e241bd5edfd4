package dev.securebaseline;

import dev.securebaseline.Tf.Ref;

import java.util.function.Function;

import static dev.securebaseline.Tf.list;
import static dev.securebaseline.Tf.map;

/**
 * An S3 bucket with everything a log bucket in this baseline must have: a unique name from
 * {@code bucket_prefix}, versioning, default encryption, all four public-access-block flags,
 * object ownership enforced (ACLs off), a bucket policy, a lifecycle rule and, unless it is itself
 * the access-log bucket, server access logging. {@code force_destroy} is always false.
 *
 * @param role            Terraform name of every resource written, e.g. {@code trail}
 * @param bucketPrefix    {@code bucket_prefix}: at most 37 characters
 * @param kmsKeyArn       SSE-KMS with this key, or {@code null} for SSE-S3 where the writing
 *                        service does not support KMS (S3 access logs, ALB access logs)
 * @param accessLogBucket where server access logs go, or {@code null} for the log bucket itself
 * @param retention       the lifecycle of the objects
 * @param policy          the bucket policy, given the bucket's ARN expression
 */
record PrivateBucket(String role, String bucketPrefix, String kmsKeyArn, Ref accessLogBucket,
                     Retention retention, Function<String, Policy> policy) {

    /** Move to Glacier after {@code glacierDays}, expire after {@code expirationDays}. */
    record Retention(int glacierDays, int expirationDays) {
        private static final int NONCURRENT_VERSION_DAYS = 90;
        private static final int ABORT_MULTIPART_DAYS = 7;

        Object rule() {
            return list(map(
                    "id", "archive-then-expire",
                    "status", "Enabled",
                    "filter", map(),
                    "transition", list(map("days", glacierDays, "storage_class", "GLACIER")),
                    "expiration", map("days", expirationDays),
                    "noncurrent_version_expiration", map("noncurrent_days", NONCURRENT_VERSION_DAYS),
                    "abort_incomplete_multipart_upload", map("days_after_initiation", ABORT_MULTIPART_DAYS)));
        }
    }

    /** The bucket, known before it is written so that other policies can name it. */
    Ref bucket() {
        return Ref.resource("aws_s3_bucket", role);
    }

    /** The bucket policy; writers that need the bucket to be usable depend on it. */
    Ref bucketPolicy() {
        return Ref.resource("aws_s3_bucket_policy", role);
    }

    /** Writes the bucket and its companions; returns the bucket. */
    Ref writeTo(Tf tf, String nameTag) {
        Ref bucket = tf.resource(bucket().type(), role, map(
                "bucket_prefix", bucketPrefix,
                "force_destroy", false,
                "tags", Tf.tags(nameTag)));
        String id = bucket.get("id");

        tf.resource("aws_s3_bucket_ownership_controls", role, map(
                "bucket", id,
                "rule", map("object_ownership", "BucketOwnerEnforced")));
        Ref publicAccess = tf.resource("aws_s3_bucket_public_access_block", role, map(
                "bucket", id,
                "block_public_acls", true,
                "block_public_policy", true,
                "ignore_public_acls", true,
                "restrict_public_buckets", true));
        Ref versioning = tf.resource("aws_s3_bucket_versioning", role, map(
                "bucket", id,
                "versioning_configuration", map("status", "Enabled")));
        tf.resource("aws_s3_bucket_server_side_encryption_configuration", role, map(
                "bucket", id,
                "rule", list(encryptionRule())));
        // Noncurrent-version rules need versioning to be in place first.
        tf.resource("aws_s3_bucket_lifecycle_configuration", role, map(
                "bucket", id,
                "rule", retention.rule(),
                "depends_on", list(versioning.dependency())));
        // A policy put while the public-access block is still being applied can be refused.
        tf.resource(bucketPolicy().type(), role, map(
                "bucket", id,
                "policy", policy.apply(bucket.get("arn")).json(),
                "depends_on", list(publicAccess.dependency())));
        if (accessLogBucket != null) {
            tf.resource("aws_s3_bucket_logging", role, map(
                    "bucket", id,
                    "target_bucket", accessLogBucket.get("id"),
                    "target_prefix", role + "/"));
        }
        return bucket;
    }

    private Object encryptionRule() {
        if (kmsKeyArn == null) {
            return map("apply_server_side_encryption_by_default", map("sse_algorithm", "AES256"));
        }
        return map(
                "apply_server_side_encryption_by_default", map("sse_algorithm", "aws:kms", "kms_master_key_id", kmsKeyArn),
                // Bucket keys cut KMS requests (and their cost) by orders of magnitude for log delivery.
                "bucket_key_enabled", true);
    }
}
