package dev.securebaseline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * AWS names for one deployment, or for one account's baseline.
 *
 * <p>Where AWS offers {@code name_prefix} / {@code bucket_prefix}, the stack uses {@link #prefix}
 * and lets AWS append a unique suffix. Where it does not (trail, alarms, load balancer), names carry
 * a six-character deployment id derived from the state bucket and key: two deployments that do not
 * share state never share a name, and one deployment keeps its names from run to run.
 *
 * <p>The account baseline is named {@code <project>-account-…}, with an id from the state bucket and the
 * account, never from the environment that carries it: moving it to another environment's stack moves
 * state, it does not rename (and so replace) the trail or the buckets.
 *
 * @param logPath {@code /<project>/<environment>}: where log group names start
 */
record Naming(String base, String deploymentId, String logPath) {

    static Naming of(BaselineSettings settings) {
        BaselineSettings.StateBackend state = settings.state();
        return new Naming(settings.baseName(), shortHash(state.bucket() + "/" + state.key()),
                "/" + settings.project() + "/" + settings.environment().id());
    }

    /** The account baseline's names, carried by {@code owner}'s stack. */
    static Naming ofAccount(BaselineSettings owner, Account account) {
        String project = owner.project();
        return new Naming(project + "-account",
                shortHash(owner.state().bucket() + "/" + project + "/account/" + account.id().orElse("implicit")),
                "/" + project + "/account");
    }

    /** {@code <project>-<environment>-<role>-}, for {@code name_prefix} and {@code bucket_prefix}. */
    String prefix(String role) {
        return base + "-" + role + "-";
    }

    /** {@code <project>-<environment>-<id>-<role>}, for resources without a prefix argument. */
    String unique(String role) {
        return base + "-" + deploymentId + "-" + role;
    }

    /** {@code <project>-<environment>-<role>}, for tags and descriptions, where uniqueness does not matter. */
    String display(String role) {
        return base + "-" + role;
    }

    /** {@code /<project>/<environment>/<purpose>-}: a log group {@code name_prefix}. */
    String logGroupPrefix(String purpose) {
        return logPath + "/" + purpose + "-";
    }

    /** {@code <project>-<environment>-*}: matches every prefixed name of this environment. */
    String everything() {
        return base + "-*";
    }

    static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
