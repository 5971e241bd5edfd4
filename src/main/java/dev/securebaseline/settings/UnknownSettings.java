package dev.securebaseline.settings;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code BASELINE_*} variable the app does not read is almost always a typo, and a typo in a
 * security setting must not be silently ignored: it is refused, naming the closest known setting. So is
 * one spelt in another case ({@code baseline_instance_type}): environment variables are case-sensitive,
 * and the app would otherwise never read it. A
 * retired setting is refused with the reason it went, and an account setting given for one environment
 * with the variable that sets it for an account.
 */
final class UnknownSettings {

    private UnknownSettings() {
    }

    /** {@code accountLabels}: the labels {@code BASELINE_ACCOUNT_<LABEL>_<SETTING>} may name. */
    static void check(Map<String, String> variables, List<String> accountLabels, List<String> problems) {
        List<String> known = Setting.knownVariables(accountLabels);
        Set<String> knownSet = Set.copyOf(known);
        for (String variable : new TreeSet<>(variables.keySet())) {
            String upper = variable.toUpperCase(Locale.ROOT);
            if (!upper.startsWith(Setting.PREFIX) || knownSet.contains(variable)) {
                continue;
            }
            String value = variables.get(variable).trim();
            if (!upper.equals(variable)) {
                problems.add(variable + "=\"" + value + "\" is not accepted: setting names are upper case (did you mean "
                        + (knownSet.contains(upper) ? upper : closest(upper, known)) + "?). Accepted: the settings in docs/settings.md, "
                        + "spelt as the table spells them.");
                continue;
            }
            String retired = Setting.RETIRED.get(settingPart(variable));
            Optional<Setting> accountSetting = Arrays.stream(Setting.values())
                    .filter(s -> s.isAccountScope() && s.name().equals(settingPart(variable))).findFirst();
            if (retired != null) {
                problems.add(variable + "=\"" + value + "\" is not accepted: " + retired + ". Accepted: remove it.");
            } else if (accountSetting.isPresent()) {
                problems.add(variable + "=\"" + value + "\" is not accepted: " + accountSetting.get().name()
                        + " shapes an account stack, not an environment. Accepted: " + accountSetting.get().variable() + " for every account, or "
                        + new AccountScope("<label>").variable(accountSetting.get())
                        + " for one (labels: " + String.join(", ", accountLabels.stream().distinct().toList()) + ").");
            } else {
                problems.add(variable + "=\"" + value + "\" is not accepted: the app has no such setting"
                        + " (did you mean " + closest(variable, known) + "?). Accepted: the settings in docs/settings.md, "
                        + "each also as BASELINE_<ENVIRONMENT>_<SETTING> or BASELINE_ACCOUNT_<LABEL>_<SETTING> as the table says.");
            }
        }
    }

    /** {@code BASELINE_PROD_X} and {@code BASELINE_X} → {@code X}. */
    private static String settingPart(String variable) {
        String rest = variable.substring(Setting.PREFIX.length());
        for (Environment environment : Environment.values()) {
            if (rest.startsWith(environment.name() + "_")) {
                return rest.substring(environment.name().length() + 1);
            }
        }
        return rest;
    }

    /**
     * The known variable with the smallest edit distance, the shorter one on a tie. A variable that starts
     * with a known environment is matched on its setting part, so that {@code BASELINE_PROD_INSTANC_TYPE}
     * suggests {@code BASELINE_PROD_INSTANCE_TYPE} (and an app-wide setting its one variable).
     */
    static String closest(String variable, List<String> known) {
        String rest = variable.substring(Setting.PREFIX.length());
        for (Environment environment : Environment.values()) {
            String prefix = environment.name() + "_";
            if (rest.startsWith(prefix) && rest.length() > prefix.length()) {
                Setting setting = Arrays.stream(Setting.values())
                        .min(Comparator.comparingInt((Setting s) -> distance(rest.substring(prefix.length()), s.name())))
                        .orElseThrow();
                return setting.scope() == Setting.Scope.ENVIRONMENT ? environment.variable(setting) : setting.variable();
            }
        }
        return known.stream()
                .min(Comparator.comparingInt((String candidate) -> distance(variable, candidate)).thenComparingInt(String::length))
                .orElseThrow();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
