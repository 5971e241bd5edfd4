package dev.securebaseline.settings;

import java.util.List;
import java.util.Optional;

/**
 * Whom every provider of a stack acts as: pinned to the stack's account when it has one (so a stack can never be applied
 * to another account), through its deploy role when it has one.
 *
 * @param sessionName the role session's name, which CloudTrail records for every call the deploy makes
 * @param then        roles assumed after the deploy role, in order: the way into an account whose only door is another
 *                    account's role (a new member's {@code OrganizationAccountAccessRole}, reached from the management account)
 */
public record DeployAccess(Optional<String> accountId, Optional<String> deployRoleArn, String sessionName, List<String> then) {

    public DeployAccess(Optional<String> accountId, Optional<String> deployRoleArn, String sessionName) {
        this(accountId, deployRoleArn, sessionName, List.of());
    }

    /** No pinning, no role: the deploying credentials' own account. */
    public static DeployAccess none() {
        return new DeployAccess(Optional.empty(), Optional.empty(), "");
    }

    /** Every role assumed, in order: the deploy role (if any), then the chain. */
    public List<String> roleChain() {
        List<String> chain = new java.util.ArrayList<>();
        deployRoleArn.ifPresent(chain::add);
        chain.addAll(then);
        return List.copyOf(chain);
    }
}
