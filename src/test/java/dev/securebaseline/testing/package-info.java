/**
 * What the tests share: synthesis once per configuration ({@link dev.securebaseline.testing.Synth}), the layouts and
 * configurations they run against, Terraform run in the background ({@link dev.securebaseline.testing.TerraformJobs},
 * one provider process for the schema check and the rehearsals; the classes that wait for it run last), a deterministic
 * tool's run reused while everything it reads is unchanged ({@link dev.securebaseline.testing.ToolRuns}), and the
 * independent models of AWS the tests ask:
 * the provider schema, IAM's reference data and a policy evaluator (through Node), the access paths each policy must
 * allow or deny, and the policy checks, rules apart from the packs that apply them.
 *
 * <p>Depends on the main packages, never on a test class: a test class names its own background work with
 * {@link dev.securebaseline.testing.BackgroundJobs}.
 */
package dev.securebaseline.testing;
