/**
 * S3 buckets the baseline's way ({@link dev.securebaseline.storage.PrivateBucket}): private, TLS-only, versioned,
 * encrypted, Block Public Access, owner-enforced, access-logged, with lifecycle and protection from destroy, whatever
 * they hold (state, logs, audit records).
 *
 * <p>It uses {@code policy}, {@code tf} and {@code settings}.
 */
package dev.securebaseline.storage;
