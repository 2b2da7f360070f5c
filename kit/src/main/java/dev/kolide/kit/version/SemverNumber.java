package dev.kolide.kit.version;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version as one integer, {@code major*10^6 + minor*10^3 + patch}, for installers that order
 * versions by number (the MSI {@code InstalledVersionNum}), as kolide/kit's {@code VersionNumFromSemver}.
 */
public final class SemverNumber {
    // "v1.2.3", "1.2.3", "1.2.3-4-gabcdef-dirty", "1.2.3+build": the core triple decides.
    private static final Pattern SEMVER = Pattern.compile("^v?(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})(?:[-+].*)?$");
    private static final long MAX_PART = 999;
    private static final long MAX_MAJOR = 9_223_372_036_853L; // keeps major*10^6 within a long

    private SemverNumber() {}

    /**
     * The number for {@code version}.
     *
     * @throws IllegalArgumentException if it is not {@code [v]MAJOR.MINOR.PATCH[-pre][+build]} or minor or
     *     patch exceed 999 (they would collide with the next field)
     */
    public static long toNumber(String version) {
        if (version == null) {
            throw new IllegalArgumentException("version is null");
        }
        Matcher m = SEMVER.matcher(version.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "version \"" + version + "\" is not a semantic version MAJOR.MINOR.PATCH");
        }
        long major = Long.parseLong(m.group(1));
        long minor = Long.parseLong(m.group(2));
        long patch = Long.parseLong(m.group(3));
        if (minor > MAX_PART || patch > MAX_PART) {
            throw new IllegalArgumentException(
                    "version \"" + version + "\": minor and patch must be at most 999 to fit major*10^6+minor*10^3+patch");
        }
        if (major > MAX_MAJOR) {
            throw new IllegalArgumentException("version \"" + version + "\": major is too large");
        }
        return major * 1_000_000L + minor * 1_000L + patch;
    }

    /** The inverse of {@link #toNumber(String)}: 1002003 gives "1.2.3". */
    public static String fromNumber(long number) {
        if (number < 0) {
            throw new IllegalArgumentException("version number " + number + " is negative");
        }
        return (number / 1_000_000L) + "." + (number / 1_000L % 1_000L) + "." + (number % 1_000L);
    }
}
