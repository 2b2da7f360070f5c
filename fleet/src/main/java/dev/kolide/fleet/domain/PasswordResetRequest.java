package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A forgotten-password request: the mailed token lets the user set a new password until {@code expiresAt}. */
public record PasswordResetRequest(long id, long userId, String token, Instant createdAt, Instant expiresAt) {

    public PasswordResetRequest {
        requireNonNull(token, "token is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
    }

    /** Leaves out the token. */
    @Override
    public String toString() {
        return "PasswordResetRequest[id=" + id + ", userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
