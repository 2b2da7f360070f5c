package dev.kolide.launcher.autoupdate;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * The autoupdate flags, checked ({@code --autoupdate}, {@code --update_channel}, {@code --notary_url},
 * {@code --mirror_url}, {@code --notary_prefix}, {@code --autoupdate_interval}, {@code --autoupdater_initial_delay}).
 */
public record AutoupdateConfig(boolean enabled, UpdateChannel channel, URI notaryUrl, URI mirrorUrl,
        String notaryPrefix, Duration interval, Duration initialDelay) {

    public static final String DEFAULT_NOTARY_URL = "https://notary.kolide.co";
    public static final String DEFAULT_MIRROR_URL = "https://dl.kolide.co";
    public static final String DEFAULT_NOTARY_PREFIX = "kolide";

    public AutoupdateConfig {
        requireNonNull(channel, "channel is null");
        requireNonNull(notaryUrl, "notaryUrl is null");
        requireNonNull(mirrorUrl, "mirrorUrl is null");
        requireNonNull(notaryPrefix, "notaryPrefix is null");
        requireNonNull(interval, "interval is null");
        requireNonNull(initialDelay, "initialDelay is null");
    }

    /** Gun and target names for this host. */
    public UpdateTargets targets() {
        return UpdateTargets.forThisHost(notaryPrefix, channel);
    }
}
