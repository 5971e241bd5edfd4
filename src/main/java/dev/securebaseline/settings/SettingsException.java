package dev.securebaseline.settings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bad configuration, reported as one message that lists every problem found, before anything is written. */
public final class SettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** {@code BASELINE_X="v" is not accepted for dev: reason}: the problem, and the part it was refused for. */
    private static final Pattern FOR_ONE_PART = Pattern.compile("^(.*? is not accepted) for ([a-z0-9 -]+): (.*)$", Pattern.DOTALL);

    SettingsException(List<String> problems) {
        super("Invalid settings, nothing was synthesized:\n  - " + String.join("\n  - ", joined(problems)));
        this.problems = List.copyOf(joined(problems));
    }

    /**
     * One problem for several environments (a shared variable every environment refuses alike) is reported
     * once, naming them all: {@code is not accepted for dev, staging and prod}.
     */
    static List<String> joined(List<String> problems) {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        Set<String> forAll = new HashSet<>();
        for (String problem : problems) {
            Matcher m = FOR_ONE_PART.matcher(problem);
            if (!m.matches()) {
                parts.putIfAbsent(problem, new ArrayList<>());
                forAll.add(problem);
                continue;
            }
            List<String> named = parts.computeIfAbsent(m.group(1) + ": " + m.group(3), k -> new ArrayList<>());
            if (!named.contains(m.group(2))) {
                named.add(m.group(2));
            }
        }
        // The app-wide reading of a variable, when it refuses it, already speaks for every part.
        return parts.entrySet().stream().map(e -> forAll.contains(e.getKey()) ? e.getKey()
                : e.getKey().replaceFirst(" is not accepted: ", Matcher.quoteReplacement(" is not accepted for " + and(e.getValue()) + ": "))).toList();
    }

    private static String and(List<String> names) {
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** Each problem names the setting, the rejected value and what is accepted. */
    public List<String> problems() {
        return problems;
    }
}
