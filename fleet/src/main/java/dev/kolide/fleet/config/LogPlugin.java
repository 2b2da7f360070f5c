package dev.kolide.fleet.config;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where one kind of osquery log goes ({@code osquery.status_log_plugin}, {@code osquery.result_log_plugin}). */
public enum LogPlugin {
    /** Appended to {@code osquery.status_log_file} / {@code osquery.result_log_file}. */
    FILESYSTEM,
    /** Written to fleet's standard output. */
    STDOUT;

    /** The name as the flag spells it. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException listing the known plugins
     */
    public static LogPlugin parse(String text) {
        requireNonNull(text, "text is null");
        for (LogPlugin plugin : values()) {
            if (plugin.flagValue().equalsIgnoreCase(text.strip())) {
                return plugin;
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a log plugin; expected one of "
                + Arrays.stream(values()).map(LogPlugin::flagValue).collect(Collectors.joining(", ")));
    }
}
