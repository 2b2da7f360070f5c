package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Whether a host is checking in, Kolide Fleet's rule.
 *
 * <ul>
 *   <li>{@link #MIA}: not seen for {@link #MIA_AFTER} (30 days) or more;</li>
 *   <li>{@link #ONLINE}: otherwise, if seen less than min(distributed_interval, config_tls_refresh) +
 *       {@link #ONLINE_BUFFER} (30 s) ago: the host should have called back by then;</li>
 *   <li>{@link #OFFLINE}: otherwise.</li>
 * </ul>
 * {@link #NEW} is different: a host enrolled less than {@link #NEW_FOR} (24 h) ago is new <em>and</em> online,
 * offline or MIA. It is a list filter and a summary count that overlaps the other three, never the result
 * of {@link #of(Host, Instant)}. The datastore's SQL for status filters and counts uses these same constants.
 */
public enum HostStatus {
    ONLINE,
    OFFLINE,
    MIA,
    NEW;

    /** Added to the host's own check-in interval so that a host a little late does not flap to offline. */
    public static final Duration ONLINE_BUFFER = Duration.ofSeconds(30);
    /** Missing in action: not seen for this long. */
    public static final Duration MIA_AFTER = Duration.ofDays(30);
    /** A host is new for this long after its first enrollment. */
    public static final Duration NEW_FOR = Duration.ofHours(24);

    /** The status of {@code host} at {@code now}: {@link #ONLINE}, {@link #OFFLINE} or {@link #MIA}. */
    public static HostStatus of(Host host, Instant now) {
        requireNonNull(host, "host is null");
        requireNonNull(now, "now is null");
        Instant seen = host.seenTime();
        if (!seen.plus(MIA_AFTER).isAfter(now)) {
            return MIA;
        }
        return seen.plus(onlineWindow(host.intervals())).isAfter(now) ? ONLINE : OFFLINE;
    }

    /** Whether {@code host} enrolled less than {@link #NEW_FOR} before {@code now}. */
    public static boolean isNew(Host host, Instant now) {
        requireNonNull(host, "host is null");
        requireNonNull(now, "now is null");
        return host.createdAt().plus(NEW_FOR).isAfter(now);
    }

    /** How long after its last check-in a host with these intervals still counts as online. */
    public static Duration onlineWindow(HostIntervals intervals) {
        requireNonNull(intervals, "intervals is null");
        int seconds = Math.min(intervals.distributedInterval(), intervals.configTlsRefresh());
        return Duration.ofSeconds(seconds).plus(ONLINE_BUFFER);
    }

    /** The lower-case name used in the REST API and in filters: online, offline, mia, new. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #value()}; throws IllegalArgumentException for anything else. */
    public static HostStatus fromValue(String value) {
        requireNonNull(value, "value is null");
        for (HostStatus status : values()) {
            if (status.value().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown host status \"" + value + "\"; one of online, offline, mia, new");
    }
}
