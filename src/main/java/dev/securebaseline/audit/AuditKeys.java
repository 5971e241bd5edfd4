package dev.securebaseline.audit;

import dev.securebaseline.policy.Policies;
import dev.securebaseline.policy.Policy;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * The customer managed keys of the account and organization stacks, which encrypt audit records: rotated
 * yearly (CIS 3.6 (v3.0) / 3.8 (v1.4)), the longest deletion window, guarded from destroy, tagged
 * {@code <role>-key}. Their policies are {@link Policies}'.
 */
public final class AuditKeys {

    /** KMS's longest waiting period: an audit key outlives everything it encrypts. */
    static final int DELETION_WINDOW_DAYS = 30;

    private AuditKeys() {
    }

    /** {@code aws_kms_key.<role>}, described as {@code description (<base name>)}. */
    public static Ref key(Tf tf, Naming names, String role, String description, Policy policy, boolean protect) {
        return tf.resource("aws_kms_key", role, map(
                "description", description + " (" + names.base() + ")",
                "enable_key_rotation", true,
                "deletion_window_in_days", DELETION_WINDOW_DAYS,
                "policy", policy.json(),
                "tags", tags(names.display(role + "-key")),
                "lifecycle", Tf.preventDestroy(protect)));
    }

    /** The same, with {@code aws_kms_alias.<role>}, the name people find the key by in the console. */
    public static Ref keyWithAlias(Tf tf, Naming names, String role, String description, Policy policy, boolean protect) {
        Ref key = key(tf, names, role, description, policy, protect);
        tf.resource("aws_kms_alias", role, map(
                "name_prefix", "alias/" + names.prefix(role),
                "target_key_id", key.get("key_id")));
        return key;
    }
}
