package dev.kolide.cmd.fleetctl;

import java.io.Console;
import java.io.IOException;

/** Asks for what was not given as a flag: on the terminal without echo when there is one, else from stdin. */
final class Prompt {
    private Prompt() {}

    static String secret(Fleetctl fleetctl, String given, String question) {
        if (given != null && !given.isEmpty()) {
            return given;
        }
        Console console = System.console();
        if (console != null) {
            char[] answer = console.readPassword("%s: ", question);
            if (answer == null) {
                throw new CliException("no " + question.toLowerCase(java.util.Locale.ROOT) + " given");
            }
            return new String(answer);
        }
        return line(fleetctl, question);
    }

    static String text(Fleetctl fleetctl, String given, String question) {
        if (given != null && !given.isEmpty()) {
            return given;
        }
        fleetctl.err().print(question + ": ");
        fleetctl.err().flush();
        return line(fleetctl, question);
    }

    private static String line(Fleetctl fleetctl, String question) {
        try {
            String answer = fleetctl.in().readLine();
            if (answer == null || answer.isEmpty()) {
                throw new CliException("no " + question.toLowerCase(java.util.Locale.ROOT) + " given");
            }
            return answer;
        } catch (IOException e) {
            throw new CliException("reading the " + question.toLowerCase(java.util.Locale.ROOT) + " from stdin", e);
        }
    }
}
