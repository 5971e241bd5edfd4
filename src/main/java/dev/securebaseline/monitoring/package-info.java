/**
 * What every part of the baseline monitors with, written the same way: KMS-encrypted log groups, and CloudWatch alarms
 * to an encrypted SNS topic that only the account's alarms may publish to ({@link dev.securebaseline.monitoring.Monitoring}).
 *
 * <p>It uses {@code policy} and {@code tf}.
 */
package dev.securebaseline.monitoring;
