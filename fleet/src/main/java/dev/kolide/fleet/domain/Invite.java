package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An invitation for someone to create a user; the token is mailed to them.
 *
 * @param invitedBy the inviting user's id, or {@code null} once that user is deleted
 */
public record Invite(
        long id,
        Long invitedBy,
        String email,
        String name,
        String position,
        UserRole role,
        boolean ssoEnabled,
        String token,
        Instant createdAt) {

    public Invite {
        requireNonNull(email, "email is null");
        requireNonNull(name, "name is null");
        requireNonNull(position, "position is null");
        requireNonNull(role, "role is null");
        requireNonNull(token, "token is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** Leaves out the token. */
    @Override
    public String toString() {
        return "Invite[id=" + id + ", invitedBy=" + invitedBy + ", email=" + email + ", role=" + role.value()
                + ", createdAt=" + createdAt + "]";
    }
}
