package dev.kolide.fleet.config;

import java.util.List;

/** The settings cannot be used; {@link #problems()} says each thing wrong, naming its flag. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    ConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return "invalid configuration: " + problems.get(0);
        }
        return "invalid configuration:\n  " + String.join("\n  ", problems);
    }

    public List<String> problems() {
        return problems;
    }
}
