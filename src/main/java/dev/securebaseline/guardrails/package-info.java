/**
 * The guardrails of an account: its own settings (password policy, support role, S3 Block Public Access, security
 * contact, Config's role and delivery, the unused-access analyzer, Security Hub's finding aggregator), the detective and preventive controls of every guardrail region
 * ({@link dev.securebaseline.guardrails.RegionGuardrails}), Security Hub's standards, and the deliberate exceptions to
 * the checks ({@link dev.securebaseline.guardrails.SecurityExceptions}).
 *
 * <p>It uses {@code audit}, {@code storage}, {@code policy}, {@code tf} and {@code settings}.
 */
package dev.securebaseline.guardrails;
