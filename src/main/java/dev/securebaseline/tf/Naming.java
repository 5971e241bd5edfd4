package dev.securebaseline.tf;

import dev.securebaseline.settings.BaselineSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * AWS names for one deployment, or for one account's baseline.
 *
 * <p>Where AWS offers {@code name_prefix} / {@code bucket_prefix}, the stack uses {@link #prefix}
 * and lets AWS append a unique suffix. Where it does not (trail, alarms, load balancer), names carry
 * a six-character deployment id derived from the state bucket and key: two deployments that do not
 * share state never share a name, and one deployment keeps its names from run to run.
 *
 * <p>An account stack is named {@code <project>-account-…}, with an id from the state bucket and the
 * account, never from an environment.
 *
 * @param logPath {@code /<project>/<environment>}: where log group names start
 */
public record Naming(String base, String deploymentId, String logPath) {

    public static Naming of(BaselineSettings settings) {
        BaselineSettings.StateBackend state = settings.state();
        return new Naming(settings.baseName(), shortHash(state.bucket() + "/" + state.key()),
                "/" + settings.project() + "/" + settings.environment().id());
    }

    /**
     * An account stack's names: {@code <project>-account-…}, with an id from the state bucket and the account,
     * the same as when an environment's stack carried them, so that moving them is a state move, not a
     * replacement.
     */
    public static Naming ofAccount(String project, String stateBucket, Optional<String> accountId) {
        return new Naming(project + "-account",
                shortHash(stateBucket + "/" + project + "/account/" + accountId.orElse("implicit")),
                "/" + project + "/account");
    }

    /**
     * A stack of the organization's own ({@code org}, {@code log-archive}, {@code security}): {@code <project>-<part>-…},
     * with an id from the state bucket and the part.
     */
    public static Naming ofOrganizationPart(String project, String stateBucket, String part) {
        return new Naming(project + "-" + part, shortHash(stateBucket + "/" + project + "/" + part), "/" + project + "/" + part);
    }

    /** {@code <project>-<environment>-<role>-}, for {@code name_prefix} and {@code bucket_prefix}. */
    public String prefix(String role) {
        return base + "-" + role + "-";
    }

    /** {@code <project>-<environment>-<id>-<role>}, for resources without a prefix argument. */
    public String unique(String role) {
        return base + "-" + deploymentId + "-" + role;
    }

    /** {@code <project>-<environment>-<role>}, for tags and descriptions, where uniqueness does not matter. */
    public String display(String role) {
        return base + "-" + role;
    }

    /** {@code /<project>/<environment>/<purpose>-}: a log group {@code name_prefix}. */
    public String logGroupPrefix(String purpose) {
        return logPath + "/" + purpose + "-";
    }

    /** {@code <project>-<environment>-*}: matches every prefixed name of this environment. */
    public String everything() {
        return base + "-*";
    }

    public static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
