package dev.securebaseline.policy;

import dev.securebaseline.policy.Policy.Identity;
import dev.securebaseline.policy.Policy.Principal;
import dev.securebaseline.policy.Policy.Trust;

import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's policies: who may assume the plan and apply roles (GitHub's tokens, bound to one repository), what each may do
 * in its account, and the state roles they reach the state bucket through.
 */
public final class PipelinePolicies {

    /**
     * Reads a plan never needs and that would hand a pull request's code the data the baseline protects: objects (the audit logs
     * among them), log events, instance passwords and consoles. The read-only patterns match them; this denies them.
     */
    public static final List<String> DATA_READS = List.of("s3:GetObject*", "logs:GetLogEvents", "logs:GetLogRecord", "logs:GetQueryResults",
            "ec2:GetPasswordData", "ec2:GetConsoleOutput", "ec2:GetConsoleScreenshot");

    /** What the baseline never creates, and an apply role that could would mint long-lived credentials. */
    public static final List<String> LONG_LIVED_CREDENTIALS = List.of("iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile",
            "iam:UpdateLoginProfile", "iam:CreateServiceSpecificCredential", "iam:UploadSSHPublicKey", "iam:CreateVirtualMFADevice");

    private PipelinePolicies() {
    }

    /** GitHub's tokens for {@code audience} whose {@code sub} is one of {@code subjects}, and with these other claims, may assume the role. */
    public static Policy trustGitHub(String providerArn, String issuer, String audience, List<String> subjects, java.util.Map<String, String> claims) {
        return Policy.trust(Trust.webIdentity("GitHubActions", providerArn, issuer, audience, subjects, claims));
    }

    /** The plan role: read-only on the services of the account's stacks, no data reads, and its state role. */
    public static Policy plan(List<String> readActions, String stateRoleArn) {
        return Policy.identity(
                Identity.allow("ReadWhatTheStacksManage", "*").actions(readActions.toArray(String[]::new)),
                Identity.allow("ReadTheStateThroughTheStateRole", stateRoleArn).actions("sts:AssumeRole"),
                Identity.deny("DenyReadingData", "*").actions(DATA_READS.toArray(String[]::new)));
    }

    /**
     * The apply role: the services of the account's stacks, its state role; never long-lived credentials, and never a change to
     * the pipeline's own roles or identity provider (only their stack, deployed by hand, changes who may run the pipeline).
     */
    public static Policy apply(List<String> services, String stateRoleArn, List<String> pipelineResources, List<String> stateBuckets) {
        List<String> actions = new ArrayList<>();
        services.forEach(service -> actions.add(service + ":*"));
        return Policy.identity(
                Identity.allow("DeployWhatTheStacksManage", "*").actions(actions.toArray(String[]::new)),
                Identity.allow("WriteTheStateThroughTheStateRole", stateRoleArn).actions("sts:AssumeRole"),
                Identity.deny("DenyLongLivedCredentials", "*").actions(LONG_LIVED_CREDENTIALS.toArray(String[]::new)),
                // Reading them, and assuming a state role (whose trust admits this account's apply role to its own alone), stay open.
                Identity.deny("DenyChangingThePipelinesOwnAccess", pipelineResources.toArray(String[]::new))
                        .exceptActions("iam:Get*", "iam:List*", "sts:AssumeRole"),
                // Where the state account also runs stacks, its apply role could otherwise reach every account's state (prod's
                // among them) around its state role: the state buckets are touched through the state roles only.
                Identity.deny("DenyTouchingTheStateDirectly", stateBuckets.toArray(String[]::new)).actions("s3:*"));
    }

    /**
     * The break-glass role: assumed by the principals of one account (the management account), only signed in with MFA; whom
     * that account lets assume it is up to its administrators, as for any role that trusts an account.
     */
    public static Policy breakGlassTrust(String accountRoot) {
        return Policy.trust(Trust.assumeRole("AdministratorsSignedInWithMfa", Principal.aws(accountRoot))
                .when("Bool", "aws:MultiFactorAuthPresent", "true"));
    }

    /** A state role: assumed only by one role of one account (named by condition: it may not exist yet when this is written). */
    public static Policy stateRoleTrust(String accountRoot, String roleArn) {
        return Policy.trust(Trust.assumeRole("OnePipelineRole", Principal.aws(accountRoot)).when("ArnEquals", "aws:PrincipalArn", roleArn));
    }

    /**
     * Reading the states of one account's stacks and taking their lock files (S3-native locking); {@code write} also writes
     * the states; {@code reads} are other stacks' states its stacks read (never their locks: a reader does not lock).
     */
    public static Policy stateAccess(String bucketArn, List<String> keys, List<String> reads, boolean write) {
        List<Identity> statements = new ArrayList<>();
        statements.add(Identity.allow("ListTheStates", bucketArn).actions("s3:ListBucket"));
        List<String> readable = new ArrayList<>(keys);
        readable.addAll(reads);
        statements.add(Identity.allow("ReadTheStates", readable.stream().map(k -> bucketArn + "/" + k).toArray(String[]::new))
                .actions("s3:GetObject"));
        statements.add(Identity.allow("TakeTheLocks", keys.stream().map(k -> bucketArn + "/" + k + ".tflock").toArray(String[]::new))
                .actions("s3:GetObject", "s3:PutObject", "s3:DeleteObject"));
        if (write) {
            statements.add(Identity.allow("WriteTheStates", keys.stream().map(k -> bucketArn + "/" + k).toArray(String[]::new))
                    .actions("s3:PutObject"));
        }
        return Policy.identity(statements.toArray(Identity[]::new));
    }
}
