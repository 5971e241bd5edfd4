package dev.securebaseline.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The organization policy types the AWS provider manages (hashicorp/aws 5.x validates
 * {@code enabled_policy_types} against exactly these). The baseline enables its own two; the others an organization
 * may already use, and adopting it must never disable them: AWS detaches every policy of a type it disables.
 */
public enum PolicyType {
    SERVICE_CONTROL_POLICY(true),
    RESOURCE_CONTROL_POLICY(true),
    TAG_POLICY(false),
    BACKUP_POLICY(false),
    AISERVICES_OPT_OUT_POLICY(false),
    CHATBOT_POLICY(false),
    DECLARATIVE_POLICY_EC2(false);

    private final boolean baselines;

    PolicyType(boolean baselines) {
        this.baselines = baselines;
    }

    /** Is it one of the types whose policies the baseline writes? */
    boolean isTheBaselines() {
        return baselines;
    }

    public static List<PolicyType> theBaselines() {
        return Arrays.stream(values()).filter(PolicyType::isTheBaselines).toList();
    }

    static Optional<PolicyType> find(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(PolicyType::name).toList();
    }
}
