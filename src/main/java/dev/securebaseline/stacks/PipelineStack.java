package dev.securebaseline.stacks;

import com.hashicorp.cdktf.TerraformStack;
import dev.securebaseline.pipeline.PipelineRoles;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.settings.DeployTarget;
import dev.securebaseline.settings.Pipeline;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.AwsProvider;
import dev.securebaseline.tf.StateBackends;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;
import software.constructs.Construct;

import java.util.List;

/**
 * {@code <project>-ci-<label>}: what the pipeline needs to deploy into one account, GitHub's identity provider and the plan and
 * apply roles. Deployed by hand, never by the pipeline (whose apply role may not change it): standalone once with the account's
 * administrator credentials, in Organizations mode from the management account through the role AWS Organizations put in the
 * member. Written after every other stack, whose resource types decide what the roles may do.
 */
public final class PipelineStack extends TerraformStack {

    public PipelineStack(Construct scope, AppSettings.Bootstrap app, Pipeline pipeline, DeployTarget target, List<String> services) {
        super(scope, target.stackName(app.project()));
        Tf tf = new Tf(this);
        AwsContext aws = AwsProvider.configure(tf, app.region(), AwsProvider.defaultTags(app.project(), "ci", app.owner()),
                target.firstDeploy(), List.of());
        StateBackends.write(this, tf, new BaselineSettings.StateBackend(app.stateBucket(), target.stateKey(app.project()), app.region()),
                app.stackName());
        List<Ref> roles = new PipelineRoles(app.project(), pipeline, target, services).writeTo(tf, aws);
        tf.output("plan_role_arn", roles.get(0).get("arn"), "The role pull requests and drift checks plan with in this account.");
        tf.output("apply_role_arn", roles.get(1).get("arn"), "The role the default branch" + (target.protectedAccount()
                ? ", through the approval environment " + pipeline.approvalEnvironment() + "," : "") + " applies with in this account.");
        tf.flush();
    }
}
