/**
 * IAM policy documents, typed by kind ({@link dev.securebaseline.policy.Policy}: trust, identity, resource, service
 * control, resource control), so that a kind cannot hold what AWS refuses in it, and the baseline's statements
 * ({@link dev.securebaseline.policy.Policies}): key, bucket, topic, log and trust policies, each with the conditions the
 * service that uses it sends.
 *
 * <p>It uses only {@code tf}; the writers and stacks above use it.
 */
package dev.securebaseline.policy;
