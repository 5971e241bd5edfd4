package dev.securebaseline.settings;

import java.util.List;

/**
 * An account the pipeline deploys into, with what its plan and apply roles need: the stacks it runs there (in deploy order)
 * and their state keys.
 *
 * @param label        the account's label: its pipeline stack is {@code <project>-ci-<label>}
 * @param protectedAccount runs prod or the organization's own stacks: applied only through the approval environment
 * @param stacks       stack name → state key, of the stacks the pipeline runs in the account
 * @param firstDeploy  how the pipeline stack itself is deployed, by hand, before any pipeline exists
 * @param breakGlass   the break-glass role the pipeline stack creates in the account, in Organizations mode when the file asks
 * @param reads        the state keys of other accounts' stacks that its stacks read (the log archive's, in an organization)
 */
public record DeployTarget(String label, String accountId, boolean protectedAccount, java.util.Map<String, String> stacks,
                           DeployAccess firstDeploy, java.util.Optional<BreakGlass> breakGlass, List<String> reads) {

    /** The emergency role: its name, and the account whose MFA-signed-in administrators may assume it (the management account). */
    public record BreakGlass(String roleName, String trustedAccount) {
    }

    /** {@code <project>-ci-<label>}. */
    public String stackName(String project) {
        return project + "-ci-" + label;
    }

    /** {@code <project>/ci/<label>/terraform.tfstate}. */
    public String stateKey(String project) {
        return project + "/ci/" + label + "/terraform.tfstate";
    }

    public List<String> stackNames() {
        return List.copyOf(stacks.keySet());
    }
}
