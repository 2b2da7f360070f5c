package dev.kolide.fleet.service.launcher;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a launcher reports about its host when it enrolls (launcher reads it from osqueryd's {@code os_version},
 * {@code osquery_info} and {@code system_info} tables). Every field is text, possibly empty; null is taken as
 * empty.
 *
 * @param osVersion {@code os_version.version}, e.g. "22.04.4 LTS (Jammy Jellyfish)" or "14.4.1"
 * @param osBuild {@code os_version.build} (JSON-RPC: {@code os_build_id})
 */
public record EnrollmentDetails(
        String osVersion,
        String osBuild,
        String osPlatform,
        String hostname,
        String hardwareVendor,
        String hardwareModel,
        String hardwareSerial,
        String osqueryVersion,
        String launcherVersion,
        String osName,
        String osPlatformLike) {

    public EnrollmentDetails {
        osVersion = orEmpty(osVersion);
        osBuild = orEmpty(osBuild);
        osPlatform = orEmpty(osPlatform);
        hostname = orEmpty(hostname);
        hardwareVendor = orEmpty(hardwareVendor);
        hardwareModel = orEmpty(hardwareModel);
        hardwareSerial = orEmpty(hardwareSerial);
        osqueryVersion = orEmpty(osqueryVersion);
        launcherVersion = orEmpty(launcherVersion);
        osName = orEmpty(osName);
        osPlatformLike = orEmpty(osPlatformLike);
    }

    /** No details at all (an enrollment request without them). */
    public static EnrollmentDetails none() {
        return new EnrollmentDetails("", "", "", "", "", "", "", "", "", "", "");
    }

    /**
     * The details as osquery's enrollment {@code host_details} (table → row), so that enrollment stores them
     * exactly as it stores osquery's: tables with nothing known are left out, so that they change nothing. The
     * version is split into major, minor and patch because that is how osquery's {@code os_version} row (and so
     * the host's "name major.minor.patch") is built.
     */
    public Map<String, Map<String, String>> toHostDetails() {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        Map<String, String> os = new LinkedHashMap<>();
        putIfPresent(os, "name", osName);
        String[] parts = versionParts(osVersion);
        putIfPresent(os, "major", parts[0]);
        putIfPresent(os, "minor", parts[1]);
        putIfPresent(os, "patch", parts[2]);
        putIfPresent(os, "build", osBuild);
        putIfPresent(os, "platform", osPlatform);
        putIfPresent(os, "platform_like", osPlatformLike);
        if (!os.isEmpty()) {
            tables.put("os_version", os);
        }
        if (!osqueryVersion.isEmpty()) {
            tables.put("osquery_info", Map.of("version", osqueryVersion));
        }
        Map<String, String> system = new LinkedHashMap<>();
        putIfPresent(system, "hostname", hostname);
        putIfPresent(system, "hardware_vendor", hardwareVendor);
        putIfPresent(system, "hardware_model", hardwareModel);
        putIfPresent(system, "hardware_serial", hardwareSerial);
        if (!system.isEmpty()) {
            tables.put("system_info", system);
        }
        return tables;
    }

    /**
     * Major, minor and patch of a version such as "14.4.1" or "22.04.4 LTS (Jammy Jellyfish)": the leading
     * dotted numbers, "" where absent. A version that does not start with a number is kept whole as the major
     * part, so that it still shows.
     */
    static String[] versionParts(String version) {
        String[] parts = {"", "", ""};
        String trimmed = requireNonNull(version, "version is null").strip();
        if (trimmed.isEmpty()) {
            return parts;
        }
        int end = 0;
        while (end < trimmed.length() && (Character.isDigit(trimmed.charAt(end)) || trimmed.charAt(end) == '.')) {
            end++;
        }
        if (end == 0) {
            parts[0] = trimmed;
            return parts;
        }
        String[] numbers = trimmed.substring(0, end).split("\\.", -1);
        for (int i = 0; i < Math.min(3, numbers.length); i++) {
            parts[i] = numbers[i];
        }
        return parts;
    }

    private static void putIfPresent(Map<String, String> row, String column, String value) {
        if (!value.isEmpty()) {
            row.put(column, value);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
