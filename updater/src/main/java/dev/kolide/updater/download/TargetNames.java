package dev.kolide.updater.download;

import static java.util.Objects.requireNonNull;

import dev.kolide.updater.http.RepositoryPaths;

/**
 * Launcher's naming of what it updates: one Notary repository (GUN) per binary, {@code <prefix>/<binary>}
 * ({@code kolide/osqueryd}), holding one target per platform and channel,
 * {@code <platform>/<binary>-<channel>.tar.gz} ({@code linux/osqueryd-stable.tar.gz}).
 */
public final class TargetNames {
    private TargetNames() {}

    /** {@code <notaryPrefix>/<binary>}; a trailing slash on the prefix is ignored. */
    public static String gun(String notaryPrefix, String binary) {
        requireNonNull(notaryPrefix, "notaryPrefix is null");
        String prefix = notaryPrefix.strip().replaceAll("/+$", "");
        return RepositoryPaths.check("GUN", prefix + "/" + checkSegment("binary", binary));
    }

    /** {@code <platform>/<binary>-<channel>.tar.gz}. */
    public static String target(String platform, String binary, Channel channel) {
        requireNonNull(channel, "channel is null");
        return checkSegment("platform", platform) + "/" + checkSegment("binary", binary) + "-" + channel.id()
                + ".tar.gz";
    }

    private static String checkSegment(String what, String value) {
        RepositoryPaths.check(what, value);
        if (value.contains("/")) {
            throw new IllegalArgumentException(what + " \"" + value + "\" must not contain /");
        }
        return value;
    }
}
