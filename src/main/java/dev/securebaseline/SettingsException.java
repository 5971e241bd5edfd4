package dev.securebaseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bad configuration, reported as one message that lists every problem found, before anything is written. */
public final class SettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** {@code BASELINE_X="v" is not accepted for dev: reason}: the part, and the problem around it. */
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
        Map<String, String[]> shapes = new LinkedHashMap<>();
        for (String problem : problems) {
            Matcher m = FOR_ONE_PART.matcher(problem);
            String key = m.matches() ? m.group(1) + "\u0000" + m.group(3) : problem;
            shapes.putIfAbsent(key, m.matches() ? new String[] {m.group(1), m.group(3)} : null);
            parts.computeIfAbsent(key, k -> new ArrayList<>());
            if (m.matches() && !parts.get(key).contains(m.group(2))) {
                parts.get(key).add(m.group(2));
            }
        }
        List<String> joined = new ArrayList<>();
        parts.forEach((key, names) -> {
            String[] shape = shapes.get(key);
            if (shape == null) {
                joined.add(key);
            } else if (!parts.containsKey(shape[0] + ": " + shape[1])) {
                // the app-wide reading of the same variable already says it, for every part
                joined.add(shape[0] + " for " + and(names) + ": " + shape[1]);
            }
        });
        return joined;
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
