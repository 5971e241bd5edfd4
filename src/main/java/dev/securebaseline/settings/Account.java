package dev.securebaseline.settings;

import java.util.List;
import java.util.Optional;

/**
 * One AWS account of the app: what exists once per account (the trail, the CIS alarms, the guardrails of
 * every region…) is written once, by its own stack, {@code <project>-account-<label>}.
 *
 * @param label        short, stable name: {@code default} for the deploying credentials' account, else
 *                     from {@code BASELINE_ACCOUNT_LABELS}, else the account id
 * @param id           the account id, or empty for the deploying credentials' account
 * @param environments the account's environments synthesized in this run, in listing order
 * @param settings     the account stack's settings
 */
public record Account(String label, Optional<String> id, List<BaselineSettings> environments, AccountSettings settings) {

    /** The label of the deploying credentials' account. */
    static final String IMPLICIT_LABEL = "default";

    /** {@code <project>-account-<label>}. */
    public String stackName(String project) {
        return project + "-account-" + label;
    }

    /** "account 111122223333", or the implicit account. */
    public String describe() {
        return describe(id);
    }

    /** The same for an account id that may have no {@code Account} yet. */
    public static String describe(Optional<String> id) {
        return id.map(value -> "account " + value).orElse("the deploying credentials' account");
    }

    /** One line for the synth output: the account stack and the environments that deploy into the account. */
    public String summary(String project) {
        List<String> names = environments.stream().map(BaselineSettings::baseName).toList();
        return stackName(project) + ": " + describe() + ", " + settings.guardrailRegions().size() + " guardrail regions (home "
                + settings.homeRegion() + ")" + (names.isEmpty() ? "" : "; environments " + String.join(", ", names));
    }
}
