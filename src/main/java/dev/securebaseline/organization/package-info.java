/**
 * What only an AWS Organization has: the service control and resource control policies and where they attach
 * ({@link dev.securebaseline.organization.OrganizationPolicies}), and the delegation of the security services to the
 * security account.
 *
 * <p>It uses {@code policy} and {@code settings}.
 */
package dev.securebaseline.organization;
