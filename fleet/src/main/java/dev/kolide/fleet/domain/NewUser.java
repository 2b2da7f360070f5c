package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

/**
 * What the service supplies to create a user; the password is already a bcrypt hash (with Kolide's per-user
 * salt beside it). Users start enabled.
 */
public record NewUser(
        String username,
        String name,
        String email,
        String passwordHash,
        String passwordSalt,
        UserRole role,
        boolean adminForcedPasswordReset,
        boolean ssoEnabled,
        String position,
        String gravatarUrl) {

    public NewUser {
        requireNonNull(username, "username is null");
        requireNonNull(name, "name is null");
        requireNonNull(email, "email is null");
        requireNonNull(passwordHash, "passwordHash is null");
        requireNonNull(passwordSalt, "passwordSalt is null");
        requireNonNull(role, "role is null");
        requireNonNull(position, "position is null");
        requireNonNull(gravatarUrl, "gravatarUrl is null");
        if (username.isBlank()) {
            throw new IllegalArgumentException("username is empty");
        }
        if (email.isBlank()) {
            throw new IllegalArgumentException("email is empty");
        }
    }

    /** Leaves out the password hash and salt. */
    @Override
    public String toString() {
        return "NewUser[username=" + username + ", email=" + email + ", role=" + role.value() + "]";
    }
}
