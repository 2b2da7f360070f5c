package dev.kolide.launcher.autoupdate;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * How Kolide's Notary names what a binary updates from (reference §1.7): the repository (GUN)
 * {@code <notary_prefix>/<binary>} and in it the target {@code <platform>/<binary>-<channel>.tar.gz}, where the
 * platform is {@code linux}, {@code darwin} or {@code windows}.
 */
public record UpdateTargets(String notaryPrefix, UpdateChannel channel, String platform) {

    public UpdateTargets {
        requireNonNull(notaryPrefix, "notaryPrefix is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(platform, "platform is null");
    }

    /** The targets of this host's platform. */
    public static UpdateTargets forThisHost(String notaryPrefix, UpdateChannel channel) {
        return new UpdateTargets(notaryPrefix, channel, platform(System.getProperty("os.name", "")));
    }

    /** The GUN (Notary's repository name) of {@code binary}. */
    public String gun(String binary) {
        return notaryPrefix + "/" + binary;
    }

    /** The target name of {@code binary} in its repository. */
    public String target(String binary) {
        return platform + "/" + binary + "-" + channel.wireName() + ".tar.gz";
    }

    /**
     * The platform part of target names for Java's {@code os.name}.
     *
     * @throws IllegalArgumentException on an OS Kolide publishes no builds for
     */
    public static String platform(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return "linux";
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return "darwin";
        }
        if (name.startsWith("windows")) {
            return "windows";
        }
        throw new IllegalArgumentException("no update targets for operating system '" + osName
                + "': updates exist for linux, darwin and windows");
    }
}
