/**
 * What only an AWS Organization has: the service control and resource control policy documents, in the order they
 * attach ({@link dev.securebaseline.organization.OrganizationPolicies}; the targets come from the settings and
 * {@code OrganizationStack} writes the attachments), centralized root access and the delegation of the
 * security services to the security account ({@link dev.securebaseline.organization.Delegations}), each write to
 * Organizations after the one before ({@link dev.securebaseline.organization.OneWriteAtATime}).
 *
 * <p>It uses {@code policy}, {@code tf} and {@code settings}.
 */
package dev.securebaseline.organization;
