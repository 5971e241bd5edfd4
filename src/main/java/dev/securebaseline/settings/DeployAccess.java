package dev.securebaseline.settings;

import java.util.Optional;

/**
 * Whom every provider of a stack acts as: pinned to the stack's account when it has one (so a stack can never be applied
 * to another account), through its deploy role when it has one.
 *
 * @param sessionName the role session's name, which CloudTrail records for every call the deploy makes
 */
public record DeployAccess(Optional<String> accountId, Optional<String> deployRoleArn, String sessionName) {

    /** No pinning, no role: the deploying credentials' own account. */
    public static DeployAccess none() {
        return new DeployAccess(Optional.empty(), Optional.empty(), "");
    }
}
