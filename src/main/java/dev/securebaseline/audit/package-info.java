/**
 * The audit record of an account or an organization: the audit keys, the multi-region trail and its delivery to
 * CloudWatch Logs and S3, the audit buckets, and the fifteen CIS monitoring alarms on the trail
 * ({@link dev.securebaseline.audit.CisControls}).
 *
 * <p>It uses {@code monitoring}, {@code storage}, {@code policy}, {@code tf} and {@code settings}.
 */
package dev.securebaseline.audit;
