package dev.kolide.launcher.autoupdate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The release channels a host may follow ({@code --update_channel}); the name is part of the target's name. */
public enum UpdateChannel {
    STABLE, BETA, NIGHTLY;

    /** The name in targets and flags: {@code stable}, {@code beta}, {@code nightly}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The channel {@code value} names, in any case.
     *
     * @throws IllegalArgumentException naming the value and the channels there are
     */
    public static UpdateChannel parse(String value) {
        String wanted = value == null ? "" : value.strip();
        for (UpdateChannel channel : values()) {
            if (channel.wireName().equalsIgnoreCase(wanted)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("unknown update channel '" + wanted + "': use one of "
                + Arrays.stream(values()).map(UpdateChannel::wireName).collect(Collectors.joining(", ")));
    }
}
