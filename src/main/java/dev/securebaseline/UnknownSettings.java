package dev.securebaseline;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code BASELINE_*} variable the app does not read is almost always a typo, and a typo in a
 * security setting must not be silently ignored: it is refused, naming the closest known setting.
 */
final class UnknownSettings {

    private static final List<String> KNOWN = Setting.knownVariables();
    private static final Set<String> KNOWN_SET = Set.copyOf(KNOWN);

    private UnknownSettings() {
    }

    static void check(Map<String, String> variables, List<String> problems) {
        for (String variable : new TreeSet<>(variables.keySet())) {
            if (variable.startsWith(Setting.PREFIX) && !KNOWN_SET.contains(variable)) {
                String retired = Setting.RETIRED.get(settingPart(variable));
                if (retired != null) {
                    problems.add(variable + "=\"" + variables.get(variable).trim() + "\" is not accepted: " + retired + ". Accepted: remove it.");
                    continue;
                }
                problems.add(variable + "=\"" + variables.get(variable).trim() + "\" is not accepted: the app has no such setting"
                        + " (did you mean " + closest(variable) + "?). Accepted: the settings in the README's settings table, "
                        + "each also as BASELINE_<ENVIRONMENT>_<SETTING> except BASELINE_PROJECT and BASELINE_ENVIRONMENTS.");
            }
        }
    }

    /**
     * The known variable with the smallest edit distance, the shorter one on a tie. A variable that starts
     * with a known environment is matched on its setting part, so that {@code BASELINE_PROD_INSTANC_TYPE}
     * suggests {@code BASELINE_PROD_INSTANCE_TYPE} (and an app-wide setting its one variable).
     */
    static String closest(String variable) {
        String rest = variable.substring(Setting.PREFIX.length());
        for (Environment environment : Environment.values()) {
            String prefix = environment.name() + "_";
            if (rest.startsWith(prefix) && rest.length() > prefix.length()) {
                Setting setting = Arrays.stream(Setting.values())
                        .min(Comparator.comparingInt((Setting s) -> distance(rest.substring(prefix.length()), s.name())))
                        .orElseThrow();
                return setting.isAppWide() ? setting.variable() : environment.variable(setting);
            }
        }
        return KNOWN.stream()
                .min(Comparator.comparingInt((String known) -> distance(variable, known)).thenComparingInt(String::length))
                .orElseThrow();
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
