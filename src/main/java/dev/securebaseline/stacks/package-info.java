/**
 * One class per deploy unit, each a table of contents of what it holds: the state bootstrap, an account, an
 * environment, in Organizations mode the organization, the log archive and the security account, and with a pipeline
 * the pipeline's roles in each account it deploys into. Stacks compose
 * the writers of the packages below; they write little themselves: providers, state, variables, outputs, and the few
 * resources that belong to their unit alone (the environment's key, the security account's organization-wide services,
 * the organization's policies, attachments and trail). What the stacks of one organization share: their providers and
 * state ({@code OrganizationParts}), and the log archive's destinations read from its state ({@code LogArchiveState}).
 *
 * <p>It uses the writers ({@code pipeline}, {@code organization}, {@code guardrails}, {@code web}, {@code network}, {@code audit},
 * {@code monitoring}, {@code storage}), {@code policy}, {@code tf} and {@code settings}; only {@code app} uses it.
 */
package dev.securebaseline.stacks;
