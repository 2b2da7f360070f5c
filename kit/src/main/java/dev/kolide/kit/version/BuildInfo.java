package dev.kolide.kit.version;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What a program knows about its own build: stamped into the jar at build time from git (see
 * {@code cmd/src/build-info}), never read from a working tree at run time.
 *
 * <p>The JSON keys follow kolide/kit's {@code version.Info} ({@code version, branch, revision, build_date,
 * build_user}), with {@code java_version} in place of {@code go_version} and the program name added.
 */
public record BuildInfo(
        String program,
        String version,
        String branch,
        String revision,
        String buildDate,
        String buildUser,
        String javaVersion) {

    /** Where the cmd modules put the stamped file. */
    public static final String RESOURCE = "/META-INF/kolide/build-info.properties";

    static final String UNKNOWN = "unknown";

    public BuildInfo {
        requireNonNull(program, "program is null");
        requireNonNull(version, "version is null");
        requireNonNull(branch, "branch is null");
        requireNonNull(revision, "revision is null");
        requireNonNull(buildDate, "buildDate is null");
        requireNonNull(buildUser, "buildUser is null");
        requireNonNull(javaVersion, "javaVersion is null");
    }

    /** Build info of a program that was not stamped (run from an IDE, say): every field "unknown". */
    public static BuildInfo unknown(String program) {
        return new BuildInfo(program, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN);
    }

    /**
     * Reads the stamped resource next to {@code anchor}'s class loader; a missing resource gives
     * {@link #unknown(String)} for {@code fallbackProgram}.
     */
    public static BuildInfo load(Class<?> anchor, String fallbackProgram) {
        try (InputStream in = anchor.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return unknown(fallbackProgram);
            }
            Properties properties = new Properties();
            properties.load(in);
            return fromProperties(properties, fallbackProgram);
        } catch (IOException e) {
            throw new UncheckedIOException("reading build info from " + RESOURCE, e);
        }
    }

    /** Unset or unfiltered values ({@code ${git.branch}} when the build had no git) read as "unknown". */
    public static BuildInfo fromProperties(Properties properties, String fallbackProgram) {
        String program = value(properties, "program");
        return new BuildInfo(
                program.equals(UNKNOWN) ? fallbackProgram : program,
                value(properties, "version"),
                value(properties, "branch"),
                value(properties, "revision"),
                value(properties, "build_date"),
                value(properties, "build_user"),
                value(properties, "java_version"));
    }

    private static String value(Properties properties, String key) {
        String value = properties.getProperty(key, "").strip();
        if (value.isEmpty() || value.contains("${")) {
            return UNKNOWN;
        }
        return value;
    }

    /** The fields under their JSON names, in a stable order. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("program", program);
        map.put("version", version);
        map.put("branch", branch);
        map.put("revision", revision);
        map.put("build_date", buildDate);
        map.put("build_user", buildUser);
        map.put("java_version", javaVersion);
        return map;
    }

    /** The short form, as {@code kit version.Print}: "fleet - version 1.2.3". */
    public String toShortText() {
        return program + " - version " + version;
    }

    /** The long form, as {@code kit version.PrintFull}: one aligned "key: value" line each. */
    public String toText() {
        StringBuilder text = new StringBuilder(program).append(" - version ").append(version).append('\n');
        appendLine(text, "branch", branch);
        appendLine(text, "revision", revision);
        appendLine(text, "build date", buildDate);
        appendLine(text, "build user", buildUser);
        appendLine(text, "java version", javaVersion);
        return text.toString();
    }

    private static void appendLine(StringBuilder text, String key, String value) {
        text.append("  ").append(String.format("%-14s", key + ":")).append(value).append('\n');
    }
}
