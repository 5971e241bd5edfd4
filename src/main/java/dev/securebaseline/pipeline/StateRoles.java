package dev.securebaseline.pipeline;

import dev.securebaseline.policy.PipelinePolicies;
import dev.securebaseline.settings.DeployTarget;
import dev.securebaseline.settings.Pipeline;
import dev.securebaseline.tf.Tf;

import java.util.List;

import static dev.securebaseline.tf.Tf.map;

/**
 * In the state account, beside the state bucket: for every account the pipeline deploys into, a role its plan role assumes
 * (reading that account's states, taking their locks) and one its apply role assumes (writing them too). The backend reaches the
 * bucket through them ({@code -backend-config}), so no account's pipeline writes another account's states or reads one its stacks do
 * not read (in an organization they read the log archive's, which says where the logs go), and the
 * bucket's own AWS managed key never has to be shared across accounts.
 */
public final class StateRoles {

    private StateRoles() {
    }

    public static void writeTo(Tf tf, String project, List<DeployTarget> targets, String bucketArn) {
        for (DeployTarget target : targets) {
            List<String> keys = target.stacks().values().stream().toList();
            for (boolean apply : List.of(false, true)) {
                String ciRole = Pipeline.roleArn(target.accountId(), apply ? Pipeline.applyRoleName(project) : Pipeline.planRoleName(project));
                String name = Pipeline.stateRoleName(project, target.label(), apply);
                String address = "state_" + target.label().replace('-', '_') + (apply ? "_apply" : "_plan");
                Tf.Ref role = tf.resource("aws_iam_role", address, map(
                        "name", name,
                        "description", (apply ? "Writes" : "Reads") + " the states of the baseline's stacks in account " + target.accountId()
                                + " for its pipeline role " + ciRole + ".",
                        "max_session_duration", PipelineRoles.MAX_SESSION_SECONDS,
                        "assume_role_policy", PipelinePolicies.stateRoleTrust("arn:aws:iam::" + target.accountId() + ":root", ciRole).json(),
                        "tags", Tf.tags(name)));
                tf.resource("aws_iam_role_policy", address, map(
                        "name", name,
                        "role", role.get("id"),
                        "policy", PipelinePolicies.stateAccess(bucketArn, keys, target.reads(), apply).json()));
            }
        }
    }
}
