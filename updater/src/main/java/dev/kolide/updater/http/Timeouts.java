package dev.kolide.updater.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long to wait: for a connection, for the response headers, for the next chunk of a body, and for a whole
 * body. Metadata has a total deadline; target downloads can be large, so they only have an idle limit.
 */
public record Timeouts(Duration connect, Duration headers, Duration idle, Duration total) {
    /** Metadata: connect 5 s, the whole request 30 s (kolide/updater used 5 s overall, too short on slow links). */
    public static Timeouts metadata() {
        return new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }

    /** Target downloads: connect 5 s, headers 30 s, then no more than 30 s without a byte; no total limit. */
    public static Timeouts download() {
        return new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30), null);
    }

    public Timeouts {
        requireNonNull(connect, "connect is null");
        requireNonNull(headers, "headers is null");
        requireNonNull(idle, "idle is null");
        // total may be null: no overall deadline
    }
}
