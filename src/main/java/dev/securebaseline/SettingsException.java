package dev.securebaseline;

import java.util.List;

/** Bad configuration, reported as one message that lists every problem found, before anything is written. */
public final class SettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    SettingsException(List<String> problems) {
        super("Invalid settings, nothing was synthesized:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem names the setting, the rejected value and what is accepted. */
    public List<String> problems() {
        return problems;
    }
}
