/**
 * What a CI pipeline needs to deploy the baseline with short-lived credentials: in each account GitHub's OpenID Connect
 * provider and a plan and an apply role bound to one repository ({@link dev.securebaseline.pipeline.PipelineRoles}); beside
 * the state bucket a pair of state roles per account ({@link dev.securebaseline.pipeline.StateRoles}); and which IAM services
 * each account's roles may manage, from the Terraform types its stacks write ({@link dev.securebaseline.pipeline.DeployServices}).
 *
 * <p>It uses {@code policy}, {@code tf} and {@code settings}.
 */
package dev.securebaseline.pipeline;
