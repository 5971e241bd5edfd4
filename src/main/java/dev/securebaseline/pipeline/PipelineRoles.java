package dev.securebaseline.pipeline;

import dev.securebaseline.policy.PipelinePolicies;
import dev.securebaseline.settings.DeployTarget;
import dev.securebaseline.settings.Pipeline;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import java.util.List;
import java.util.Map;

import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;

/**
 * What a pipeline needs in one account: GitHub's OpenID Connect provider, and two roles only the repository's tokens assume. The
 * plan role reads (pull requests, drift detection); the apply role deploys, from the default branch or, in a protected account,
 * only from the approval environment. Each reaches the state bucket through its own state role in the state account.
 */
public final class PipelineRoles {

    /** GitHub's tokens live minutes; a role session needs no more than the longest apply. */
    static final int MAX_SESSION_SECONDS = 3600;

    private final String project;
    private final Pipeline pipeline;
    private final DeployTarget target;
    private final List<String> services;

    /**
     * @param services the IAM services the target account's stacks call ({@link DeployServices#servicesOf})
     */
    public PipelineRoles(String project, Pipeline pipeline, DeployTarget target, List<String> services) {
        this.project = project;
        this.pipeline = pipeline;
        this.target = target;
        this.services = services;
    }

    /** Writes the provider (or reads the one there is) and both roles; returns the plan and apply roles. */
    public List<Ref> writeTo(Tf tf, AwsContext aws) {
        String provider = identityProvider(tf);
        String providerArn = aws.globalArn("iam", "oidc-provider/" + Pipeline.ISSUER);
        // The pipeline's roles and provider, and the state roles (in the state account, where it runs stacks too).
        List<String> ownAccess = new java.util.ArrayList<>(List.of(providerArn, aws.globalArn("iam", "role/" + Pipeline.planRoleName(project)),
                aws.globalArn("iam", "role/" + Pipeline.applyRoleName(project)), aws.globalArn("iam", "role/" + Pipeline.stateRoleName(project, "*", false)),
                aws.globalArn("iam", "role/" + Pipeline.stateRoleName(project, "*", true))));
        target.breakGlass().ifPresent(breakGlass -> ownAccess.add(aws.globalArn("iam", "role/" + breakGlass.roleName())));
        String stateBuckets = aws.s3Arn(Pipeline.STATE_BUCKET_PREFIX.apply(project) + "*");
        List<String> state = List.of(stateBuckets, stateBuckets + "/*");
        Ref plan = role(tf, "plan", Pipeline.planRoleName(project), provider, pipeline.planSubjects(), Map.of(),
                "Plans the baseline's stacks in this account from " + pipeline.repository() + "'s pull requests and drift checks: reads only.",
                PipelinePolicies.plan(DeployServices.readsOf(services), stateRole(false)).json());
        Ref apply = role(tf, "apply", Pipeline.applyRoleName(project), provider, pipeline.applySubjects(target.protectedAccount()),
                Map.of("job_workflow_ref", pipeline.applyWorkflowRef()),
                "Applies the baseline's stacks in this account from " + pipeline.repository() + (target.protectedAccount()
                        ? "'s approval environment " + pipeline.approvalEnvironment() : "'s " + pipeline.defaultBranch() + " branch") + ".",
                PipelinePolicies.apply(services, stateRole(true), ownAccess, state).json());
        target.breakGlass().ifPresent(breakGlass -> breakGlass(tf, aws, breakGlass));
        return List.of(plan, apply);
    }

    /**
     * The emergency role the organization's policies exempt, of the name the file gives, for the management account's
     * administrators signed in with MFA; administrator access, since an emergency is what nobody planned a policy for. Never
     * destroyed by the stack, and out of reach of the apply role.
     */
    private void breakGlass(Tf tf, AwsContext aws, DeployTarget.BreakGlass breakGlass) {
        Ref role = tf.resource("aws_iam_role", "break_glass", map(
                "name", breakGlass.roleName(),
                "description", "Emergency access for the management account's administrators signed in with MFA; every use is in the trail.",
                "max_session_duration", MAX_SESSION_SECONDS,
                "assume_role_policy", PipelinePolicies.breakGlassTrust("arn:aws:iam::" + breakGlass.trustedAccount() + ":root").json(),
                "tags", Tf.tags(breakGlass.roleName()),
                "lifecycle", Tf.preventDestroy(true)));
        tf.resource("aws_iam_role_policy_attachment", "break_glass", map(
                "role", role.get("name"),
                "policy_arn", aws.managedPolicyArn("AdministratorAccess"),
                "lifecycle", Tf.preventDestroy(true)));
    }

    /** Creates GitHub's provider, or reads the account's own (IAM keeps one per URL); returns its ARN expression. */
    private String identityProvider(Tf tf) {
        String url = "https://" + Pipeline.ISSUER;
        if (!pipeline.createOidcProvider()) {
            return tf.data("aws_iam_openid_connect_provider", "github", map("url", url)).get("arn");
        }
        // No thumbprint: IAM trusts GitHub's certificate through its own library of root CAs (provider 5.81 made the list optional).
        return tf.resource("aws_iam_openid_connect_provider", "github", map(
                "url", url,
                "client_id_list", list(Pipeline.AUDIENCE),
                "tags", Tf.tags(project + "-github-actions"),
                "lifecycle", Tf.preventDestroy(true))).get("arn");
    }

    private Ref role(Tf tf, String name, String roleName, String providerArn, List<String> subjects, Map<String, String> claims, String description,
                     String permissions) {
        Ref role = tf.resource("aws_iam_role", name, map(
                "name", roleName,
                "description", description,
                "max_session_duration", MAX_SESSION_SECONDS,
                "assume_role_policy", PipelinePolicies.trustGitHub(providerArn, Pipeline.ISSUER, Pipeline.AUDIENCE, subjects, claims).json(),
                "tags", Tf.tags(roleName)));
        tf.resource("aws_iam_role_policy", name, map(
                "name", roleName,
                "role", role.get("id"),
                "policy", permissions));
        return role;
    }

    private String stateRole(boolean apply) {
        return Pipeline.roleArn(pipeline.stateAccountId(), Pipeline.stateRoleName(project, target.label(), apply));
    }
}
