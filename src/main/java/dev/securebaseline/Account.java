package dev.securebaseline;

import java.util.List;
import java.util.Optional;

/**
 * One AWS account of the app and the environments in it. Whatever AWS allows once per account (the
 * multi-region trail, Config recorders, GuardDuty detectors, Security Hub, the password policy…) is
 * written exactly once, by the owner's stack.
 *
 * @param id       the account id, or empty for the one implicit account of the deploying credentials
 * @param owner    the environment whose stack carries the account baseline (possibly one this app
 *                 run does not synthesize, when a pipeline synthesizes one environment at a time)
 * @param members  the account's environments synthesized here, in listing order
 * @param baseline the account baseline's settings, present when the owner is synthesized here
 */
public record Account(Optional<String> id, Environment owner, List<BaselineSettings> members, Optional<AccountSettings> baseline) {

    /** Does this environment's stack carry the account baseline? */
    boolean isCarriedBy(Environment environment) {
        return baseline.isPresent() && owner == environment;
    }

    /** "account 111122223333", or the implicit account. */
    String label() {
        return label(id);
    }

    /** The same for an account id that may have no {@code Account} yet. */
    static String label(Optional<String> id) {
        return id.map(value -> "account " + value).orElse("the deploying credentials' account");
    }

    /** One line for the synth output: who carries the account baseline, who shares it. */
    String summary(String project) {
        String carrier = project + "-" + owner.id();
        List<String> sharing = members.stream().filter(m -> m.environment() != owner).map(BaselineSettings::baseName).toList();
        String carried = baseline.map(b -> carrier + " carries its account baseline (" + b.guardrailRegions().size()
                        + " guardrail regions, home " + b.homeRegion() + ")")
                .orElse(carrier + " carries its account baseline (not synthesized in this run)");
        return label() + ": " + carried + (sharing.isEmpty() ? "" : "; " + String.join(", ", sharing) + " share it");
    }
}
