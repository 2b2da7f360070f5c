package dev.kolide.pkgbuilder.osquery;

import dev.kolide.pkgbuilder.BadInputException;
import dev.kolide.pkgbuilder.target.Platform;
import dev.kolide.updater.download.Channel;
import dev.kolide.updater.download.TargetNames;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Launcher's names for osqueryd in Notary (reference launcher.md §1.7): a channel resolves to
 * {@code <platform>/osqueryd-<channel>.tar.gz}, a version to {@code <platform>/osqueryd-<version>.tar.gz}.
 */
public final class OsquerydTargets {
    public static final String BINARY = "osqueryd";

    /** A version as a path segment: no slashes, no "..", nothing a URL would need to escape. */
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]*");

    private OsquerydTargets() {}

    /**
     * The target for {@code version} (a channel or a version) on {@code platform}.
     *
     * @throws BadInputException when {@code version} is neither a channel nor a plain version
     */
    public static String targetName(Platform platform, String version) {
        String platformId = platform.id();
        String value = version.strip();
        if (isChannel(value)) {
            return TargetNames.target(platformId, BINARY, Channel.parse(value));
        }
        if (!VERSION.matcher(value).matches() || value.contains("..")) {
            throw new BadInputException("--osquery_version \"" + version + "\": not a local path (./, ../, /, \\, "
                    + "C:, D:), a channel (stable, beta, nightly) or a version like 5.12.1");
        }
        return platformId + "/" + BINARY + "-" + value + ".tar.gz";
    }

    /** The executable's name inside the archive: {@code osqueryd.exe} on Windows. */
    public static String binaryName(Platform platform) {
        return platform == Platform.WINDOWS ? BINARY + ".exe" : BINARY;
    }

    static boolean isChannel(String value) {
        for (Channel channel : Channel.values()) {
            if (channel.id().equals(value.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
