package dev.kolide.fleet.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** {@code session.*}: random bytes per session key, and how long an unused session lasts. */
public record SessionConfig(int keySize, Duration duration) {
    public SessionConfig {
        requireNonNull(duration, "duration is null");
    }
}
