package dev.kolide.updater.download;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An update channel, as launcher names them in target names ({@code osqueryd-stable.tar.gz}). */
public enum Channel {
    STABLE, BETA, NIGHTLY;

    /** The name in target paths and flags: {@code stable}, {@code beta}, {@code nightly}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The channel called {@code name} (any case, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the valid channels otherwise
     */
    public static Channel parse(String name) {
        if (name != null) {
            for (Channel channel : values()) {
                if (channel.id().equals(name.strip().toLowerCase(Locale.ROOT))) {
                    return channel;
                }
            }
        }
        throw new IllegalArgumentException("unknown update channel \"" + name + "\"; expected one of "
                + Arrays.stream(values()).map(Channel::id).collect(Collectors.joining(", ")));
    }
}
