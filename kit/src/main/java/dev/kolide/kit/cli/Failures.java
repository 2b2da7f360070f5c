package dev.kolide.kit.cli;

import java.util.LinkedHashSet;
import java.util.Set;

/** Turns an exception chain into one line for a person: "what was being done: why" without stack traces. */
public final class Failures {
    private Failures() {}

    public static String describe(Throwable failure) {
        StringBuilder line = new StringBuilder();
        Set<Throwable> seen = new LinkedHashSet<>();
        String previous = null;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                message = t.getClass().getSimpleName();
            }
            // Wrappers often repeat their cause's message ("java.io.IOException: x"); say each thing once.
            if (previous != null && previous.contains(message)) {
                continue;
            }
            if (line.length() > 0) {
                line.append(": ");
            }
            line.append(message);
            previous = message;
        }
        return line.toString();
    }
}
