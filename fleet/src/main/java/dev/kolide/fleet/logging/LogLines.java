package dev.kolide.fleet.logging;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Turns a batch of lines into the bytes of one write. */
final class LogLines {
    private LogLines() {}

    /** {@code lines}, each followed by {@code \n}, as UTF-8. */
    static byte[] encode(List<String> lines) {
        requireNonNull(lines, "lines is null");
        int chars = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = requireNonNull(lines.get(i), "log line is null");
            // A line break inside a line would split one JSON document over two lines of the file.
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(
                        "log line " + (i + 1) + " of " + lines.size() + " contains a line break");
            }
            chars += line.length() + 1;
        }
        StringBuilder batch = new StringBuilder(chars);
        for (String line : lines) {
            batch.append(line).append('\n');
        }
        return batch.toString().getBytes(StandardCharsets.UTF_8);
    }
}
