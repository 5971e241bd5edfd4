package dev.securebaseline.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads settings from environment variables for one environment or account (or app-wide), collecting every
 * problem instead of stopping at the first. A value comes from the scope's own variable
 * ({@code BASELINE_<ENVIRONMENT>_<SETTING>}, {@code BASELINE_ACCOUNT_<LABEL>_<SETTING>}), else
 * {@code BASELINE_<SETTING>}, else the scope's default (an environment's table), else the setting's.
 *
 * <p>Every problem names the variable, the value and what is accepted; a parser signals a bad value
 * by throwing {@link IllegalArgumentException} with the reason.
 */
public final class SettingsReader {

    public static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]");

    private final Map<String, String> variables;
    private final SettingScope scope;
    private final List<String> problems;

    /** {@code scope} is null for app-wide settings (the bootstrap stack). */
    SettingsReader(Map<String, String> variables, SettingScope scope, List<String> problems) {
        this.variables = variables;
        this.scope = scope;
        this.problems = problems;
    }

    // ------------------------------------------------------------------ typed values

    int integer(Setting setting, int min, int max) {
        return parse(setting, v -> wholeNumber(v, min, max), "a whole number from " + min + " to " + max,
                Integer.parseInt(scope == null ? setting.defaultValue() : scope.defaultFor(setting)));
    }

    /**
     * A whole number within [min, max]: a number of any size is read as one, so that one too large for an int is "out of
     * range", not "not a number".
     */
    static int wholeNumber(String v, int min, int max) {
        java.math.BigInteger n = new java.math.BigInteger(v);
        require(n, n.compareTo(java.math.BigInteger.valueOf(min)) >= 0 && n.compareTo(java.math.BigInteger.valueOf(max)) <= 0, "out of range");
        return n.intValueExact();
    }

    boolean bool(Setting setting) {
        return parse(setting, v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        }, "true or false", Boolean.parseBoolean(setting.defaultValue()));
    }

    /** A lowercase name: letters, digits and hyphens, starting with a letter. */
    String name(Setting setting, int min, int max) {
        return parse(setting, v -> require(v, v.length() >= min && v.length() <= max && NAME.matcher(v).matches(),
                        "not a valid name"),
                min + "-" + max + " characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen",
                setting.defaultValue());
    }

    String region(Setting setting) {
        return parse(setting, SettingsReader::knownRegion,
                "a commercial AWS region name such as us-east-1 or eu-west-1 (" + String.join(", ", AwsRegions.ALL) + ")",
                Setting.REGION.defaultValue());
    }

    /** An email address, or empty (for "none"). */
    String email(Setting setting, String accepted) {
        return parse(setting, v -> require(v, v.isEmpty() || EMAIL.matcher(v).matches(), "not an email address"),
                accepted, "");
    }

    /** A CloudWatch Logs retention: one of the values it offers, at least a year. */
    int logRetentionDays(Setting setting) {
        return parse(setting, v -> require(wholeNumber(v, 0, Integer.MAX_VALUE), BaselineSettings.LOG_RETENTION_CHOICES
                                .contains(wholeNumber(v, 0, Integer.MAX_VALUE)), "CloudWatch Logs does not offer it, or it is under a year"),
                "one of " + BaselineSettings.LOG_RETENTION_CHOICES, Integer.parseInt(setting.defaultValue()));
    }

    /** Objects in Glacier Flexible Retrieval are billed for at least 90 days. */
    static final int GLACIER_MINIMUM_DAYS = 90;

    /** A Glacier transition and an expiry that leaves objects in Glacier for its minimum storage period. */
    BaselineSettings.Archive archive(Setting glacier, Setting expiration) {
        int glacierDays = integer(glacier, 30, 3650);
        int expirationDays = integer(expiration, 365, 36500);
        if (expirationDays < glacierDays + GLACIER_MINIMUM_DAYS) {
            reject(expiration, String.valueOf(expirationDays), "objects would leave Glacier before its 90-day minimum storage period",
                    "at least " + (glacierDays + GLACIER_MINIMUM_DAYS) + " (" + variableFor(glacier) + " + 90)");
        }
        return new BaselineSettings.Archive(glacierDays, expirationDays);
    }

    /** An optional value: empty text means absent. */
    <T> Optional<T> optional(Setting setting, Function<String, T> parser, String accepted) {
        return parse(setting, v -> v.isEmpty() ? Optional.<T>empty() : Optional.of(parser.apply(v)),
                accepted, Optional.empty());
    }

    /** Comma-separated items, each parsed, none twice; {@code allowEmpty} accepts an empty list. */
    <T> List<T> list(Setting setting, Function<String, T> item, boolean allowEmpty, String accepted, List<T> fallback) {
        return parse(setting, v -> {
            List<T> items = new ArrayList<>();
            if (v.isEmpty()) {
                return require(List.<T>of(), allowEmpty, "empty");
            }
            for (String text : v.split(",", -1)) {
                T parsed = item.apply(text.trim());
                if (items.contains(parsed)) {
                    throw new IllegalArgumentException(text.trim() + " is listed twice");
                }
                items.add(parsed);
            }
            return List.copyOf(items);
        }, accepted, fallback);
    }

    /**
     * Comma-separated {@code region=value} pairs: each region one of {@code regions} and listed once, each
     * value matching {@code value}. Empty means none.
     */
    Map<String, String> regionPairs(Setting setting, List<String> regions, Pattern value, String valueName) {
        return parse(setting, v -> pairs(v, "region=" + valueName, (region, item) -> {
                    require(region, regions.contains(region), region + " is not a guardrail region");
                    require(item, value.matcher(item).matches(), "\"" + item + "\" is not a valid " + valueName);
                }), "empty, or comma-separated region=" + valueName + " pairs for guardrail regions (" + String.join(", ", regions)
                        + "), such as " + regions.get(0) + "=...", Map.of());
    }

    /**
     * Comma-separated {@code key=value} pairs (the {@code shape} an error names), each key once, each pair
     * accepted by {@code check}, which throws on a bad one. Empty means none.
     */
    static Map<String, String> pairs(String v, String shape, java.util.function.BiConsumer<String, String> check) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (v.isEmpty()) {
            return pairs;
        }
        for (String item : v.split(",", -1)) {
            String[] pair = item.trim().split("=", -1);
            if (pair.length != 2) {
                throw new IllegalArgumentException("\"" + item.trim() + "\" is not " + shape);
            }
            String key = pair[0].trim();
            String value = pair[1].trim();
            check.accept(key, value);
            if (pairs.put(key, value) != null) {
                throw new IllegalArgumentException(key + " is listed twice");
            }
        }
        return pairs;
    }

    /** Parses the setting's value; on failure records the problem and returns {@code fallback}. */
    <T> T parse(Setting setting, Function<String, T> parser, String accepted, T fallback) {
        String value = raw(setting);
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            reject(variableFor(setting), value, "not a number", accepted);
        } catch (IllegalArgumentException e) {
            reject(variableFor(setting), value, e.getMessage(), accepted);
        }
        return fallback;
    }

    static String knownRegion(String v) {
        return require(v, AwsRegions.isKnown(v), "unknown region");
    }

    // ------------------------------------------------------------------ where values come from

    /** The same variables and problems, read for another scope (an environment, an account, or app-wide with null). */
    SettingsReader forScope(SettingScope other) {
        return new SettingsReader(variables, other, problems);
    }

    /** Was the value given for this setting (in the form this reader reads) refused? Checks that follow from it then stay silent. */
    boolean isRefused(Setting setting) {
        String prefix = variableFor(setting) + "=\"";
        return problems.stream().anyMatch(p -> p.startsWith(prefix));
    }

    /** Set by the user, for this environment or for all. */
    boolean isSet(Setting setting) {
        return variables.containsKey(variableFor(setting));
    }

    /** Set by the user for this environment or account alone. */
    boolean isSetForThisScope(Setting setting) {
        return scope != null && scope.carries(setting) && variables.containsKey(scope.variable(setting));
    }

    /** The value: this scope's variable, else the global one, else the scope's default. */
    String raw(Setting setting) {
        String value = variables.get(variableFor(setting));
        if (value != null) {
            return value.trim();
        }
        return scope == null ? setting.defaultValue() : scope.defaultFor(setting);
    }

    /** The variable that carries the value: {@code BASELINE_PROD_X} if set, else {@code BASELINE_X}. */
    String variableFor(Setting setting) {
        return isSetForThisScope(setting) ? scope.variable(setting) : setting.variable();
    }

    // ------------------------------------------------------------------ problems

    void reject(Setting setting, String value, String reason, String accepted) {
        reject(variableFor(setting), value, reason, accepted);
    }

    /**
     * A variable that applies to every environment or account is rejected for the one being read, named
     * ({@code is not accepted for prod}); {@link SettingsException} joins the same problem of several.
     */
    void reject(String variable, String value, String reason, String accepted) {
        boolean shared = scope != null && !variable.startsWith(scope.prefix());
        String problem = variable + "=\"" + value + "\" is not accepted" + (shared ? " for " + scope.describe() : "") + ": " + reason
                + ". Accepted: " + accepted + ".";
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    static <T> T require(T value, boolean ok, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(reason);
        }
        return value;
    }
}
