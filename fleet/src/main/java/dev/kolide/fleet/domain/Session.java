package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A login session. The key is the random value wrapped in the user's JWT; sessions expire when not accessed
 * for the session duration (the service decides, from {@code accessedAt}).
 */
public record Session(long id, long userId, String key, Instant createdAt, Instant accessedAt) {

    public Session {
        requireNonNull(key, "key is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(accessedAt, "accessedAt is null");
    }

    /** Leaves out the key. */
    @Override
    public String toString() {
        return "Session[id=" + id + ", userId=" + userId + ", createdAt=" + createdAt + ", accessedAt="
                + accessedAt + "]";
    }
}
