package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A person who uses fleet's API or UI.
 *
 * @param passwordHash the bcrypt hash (with its own salt and cost); hashing and checking live in the service
 * @param passwordSalt Kolide's per-user salt appended to the password before hashing ({@code ""} for none)
 * @param enabled disabled users cannot log in
 * @param adminForcedPasswordReset the user must set a new password at next login
 * @param position the user's job title, shown in the UI
 * @param gravatarUrl the user's avatar URL
 */
public record User(
        long id,
        String username,
        String name,
        String email,
        String passwordHash,
        String passwordSalt,
        UserRole role,
        boolean enabled,
        boolean adminForcedPasswordReset,
        boolean ssoEnabled,
        String position,
        String gravatarUrl,
        Instant createdAt,
        Instant updatedAt) {

    public User {
        requireNonNull(username, "username is null");
        requireNonNull(name, "name is null");
        requireNonNull(email, "email is null");
        requireNonNull(passwordHash, "passwordHash is null");
        requireNonNull(passwordSalt, "passwordSalt is null");
        requireNonNull(role, "role is null");
        requireNonNull(position, "position is null");
        requireNonNull(gravatarUrl, "gravatarUrl is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    public boolean isAdmin() {
        return role == UserRole.ADMIN;
    }

    /** Leaves out the password hash and salt. */
    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", email=" + email + ", role=" + role.value()
                + ", enabled=" + enabled + ", adminForcedPasswordReset=" + adminForcedPasswordReset
                + ", ssoEnabled=" + ssoEnabled + "]";
    }
}
