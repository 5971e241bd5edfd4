package dev.securebaseline.storage;

import dev.securebaseline.policy.Policies;
import dev.securebaseline.policy.Policy;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.settings.Organization;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;

/**
 * An S3 bucket with everything every bucket in this app must have: a unique name from
 * {@code bucket_prefix}, versioning, default encryption, all four public-access-block flags, object
 * ownership enforced (ACLs off), a bucket policy, a lifecycle rule and, unless it is itself an
 * access-log bucket, server access logging. A protected bucket (the default) carries
 * {@code prevent_destroy} and {@code force_destroy = false}; an unprotected one, written only for a
 * deliberate retire, lifts the first and sets the second, because AWS refuses to delete a versioned
 * bucket that still holds objects.
 *
 * <p>Described first ({@link #named}), written later ({@link #writeTo}): its {@link #bucket()} reference
 * is known before it exists, so other policies can name it.
 */
public final class PrivateBucket {

    /** How objects are encrypted at rest. */
    public record Encryption(String algorithm, String kmsKeyArn) {

        public static Encryption customerKey(String kmsKeyArn) {
            return new Encryption("aws:kms", Objects.requireNonNull(kmsKeyArn));
        }

        /** SSE-KMS with the AWS managed {@code aws/s3} key: KMS without a key to manage. */
        public static Encryption awsManagedKey() {
            return new Encryption("aws:kms", null);
        }

        /** SSE-S3, where the writing service supports nothing else (S3 and ALB access logs). */
        public static Encryption s3Managed() {
            return new Encryption("AES256", null);
        }

        Map<String, Object> rule() {
            Map<String, Object> rule = map("apply_server_side_encryption_by_default",
                    map("sse_algorithm", algorithm, "kms_master_key_id", kmsKeyArn));
            if (algorithm.equals("aws:kms")) {
                // Bucket keys cut KMS requests (and their cost) by orders of magnitude for log delivery.
                rule.put("bucket_key_enabled", true);
            }
            return rule;
        }
    }

    /** How long objects are kept: the lifecycle rule. */
    public record Retention(Integer glacierDays, Integer expirationDays, int noncurrentDays) {
        private static final int ABORT_MULTIPART_DAYS = 7;
        private static final int NONCURRENT_VERSION_DAYS = 90;

        /** Logs: to Glacier after {@code glacierDays}, gone after {@code expirationDays}. */
        public static Retention archive(int glacierDays, int expirationDays) {
            return new Retention(glacierDays, expirationDays, NONCURRENT_VERSION_DAYS);
        }

        /** State: current versions stay; older versions are kept {@code noncurrentDays} to recover from mistakes. */
        public static Retention keepCurrent(int noncurrentDays) {
            return new Retention(null, null, noncurrentDays);
        }

        Object rule() {
            return list(map(
                    "id", glacierDays == null ? "expire-old-versions" : "archive-then-expire",
                    "status", "Enabled",
                    "filter", map(),
                    "transition", glacierDays == null ? null : list(map("days", glacierDays, "storage_class", "GLACIER")),
                    "expiration", expirationDays == null ? null : map("days", expirationDays),
                    "noncurrent_version_expiration", map("noncurrent_days", noncurrentDays),
                    "abort_incomplete_multipart_upload", map("days_after_initiation", ABORT_MULTIPART_DAYS)));
        }
    }

    private final String role;
    private String bucketPrefix;
    private Encryption encryption;
    private PrivateBucket accessLogBucket;
    private Retention retention;
    private boolean protect = true;
    private Function<String, Policy> policy;
    private Organization.ObjectLock objectLock;

    private PrivateBucket(String role) {
        this.role = role;
    }

    /** A bucket whose resources are all named {@code role}, e.g. {@code aws_s3_bucket.trail}. */
    public static PrivateBucket named(String role) {
        return new PrivateBucket(role);
    }

    /**
     * A log bucket: named {@code role}, AWS naming it from {@code prefix}, its objects to Glacier and then expired
     * as {@code archive} says, protected from destroy unless a retire says otherwise.
     */
    public static PrivateBucket logs(String role, String prefix, BaselineSettings.Archive archive, boolean protect) {
        return named(role)
                .prefix(prefix)
                .retention(Retention.archive(archive.glacierDays(), archive.expirationDays()))
                .protect(protect);
    }

    /** {@code bucket_prefix}: at most 37 characters. */
    public PrivateBucket prefix(String bucketPrefix) {
        this.bucketPrefix = bucketPrefix;
        return this;
    }

    public PrivateBucket encryption(Encryption encryption) {
        this.encryption = encryption;
        return this;
    }

    /** Server access logs go to this bucket (leave unset for an access-log bucket itself). */
    public PrivateBucket logsTo(PrivateBucket accessLogBucket) {
        this.accessLogBucket = accessLogBucket;
        return this;
    }

    public PrivateBucket retention(Retention retention) {
        this.retention = retention;
        return this;
    }

    /** {@code prevent_destroy} on the bucket; on unless retiring it on purpose, which also sets {@code force_destroy}. */
    public PrivateBucket protect(boolean protect) {
        this.protect = protect;
        return this;
    }

    /**
     * Makes this the target of S3 server access logs: SSE-S3, the only encryption that log delivery
     * supports, and a policy that lets it write for this account's buckets matching the pattern.
     */
    public PrivateBucket receivesAccessLogsFrom(AwsContext aws, String sourceBucketArnPattern) {
        return encryption(Encryption.s3Managed())
                .policy(arn -> Policies.accessLogBucket(aws, arn, sourceBucketArnPattern));
    }

    /**
     * S3 Object Lock with a default retention: no object version can be deleted or overwritten before its
     * retention ends (in COMPLIANCE mode by nobody, in GOVERNANCE mode only with s3:BypassGovernanceRetention).
     * Only at creation: AWS cannot add Object Lock to an existing bucket through this resource.
     */
    public PrivateBucket objectLock(Organization.ObjectLock lock) {
        this.objectLock = lock;
        return this;
    }

    /** The bucket policy, given the bucket's ARN expression. */
    public PrivateBucket policy(Function<String, Policy> policy) {
        this.policy = policy;
        return this;
    }

    /** The bucket, known before it is written so that other policies can name it. */
    public Ref bucket() {
        return Ref.resource("aws_s3_bucket", role);
    }

    /** The bucket policy; writers that need the bucket to be usable depend on it. */
    public Ref bucketPolicy() {
        return Ref.resource("aws_s3_bucket_policy", role);
    }

    /**
     * What must be in place before a service is pointed at the bucket: its policy, its encryption and, where set, its
     * Object Lock (for {@code depends_on}). Terraform keeps a bucket's name in the state as soon as the bucket exists, so a
     * reader of that name waits for these, not for the bucket alone.
     */
    public List<String> readyForDelivery() {
        List<String> ready = new java.util.ArrayList<>(List.of(bucketPolicy().dependency(),
                Ref.resource("aws_s3_bucket_server_side_encryption_configuration", role).dependency()));
        if (objectLock != null) {
            ready.add(Ref.resource("aws_s3_bucket_object_lock_configuration", role).dependency());
        }
        return ready;
    }

    /** Writes the bucket and its companions; returns the bucket. */
    public Ref writeTo(Tf tf, String nameTag) {
        Objects.requireNonNull(bucketPrefix, "prefix");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(policy, "policy");
        Ref bucket = tf.resource(bucket().type(), role, map(
                "bucket_prefix", bucketPrefix,
                "object_lock_enabled", objectLock == null ? null : true,
                "force_destroy", !protect,
                "tags", Tf.tags(nameTag),
                "lifecycle", Tf.preventDestroy(protect)));
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
        if (objectLock != null) {
            tf.resource("aws_s3_bucket_object_lock_configuration", role, map(
                    "bucket", id,
                    "rule", map("default_retention", map("mode", objectLock.mode(), "days", objectLock.days())),
                    "depends_on", list(versioning.dependency())));
        }
        tf.resource("aws_s3_bucket_server_side_encryption_configuration", role, map(
                "bucket", id,
                "rule", list(encryption.rule())));
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
                    "target_bucket", accessLogBucket.bucket().get("id"),
                    "target_prefix", role + "/",
                    // The target's policy grants logging.s3.amazonaws.com; logging switched on before it exists delivers nothing.
                    "depends_on", list(accessLogBucket.bucketPolicy().dependency())));
        }
        return bucket;
    }
}
