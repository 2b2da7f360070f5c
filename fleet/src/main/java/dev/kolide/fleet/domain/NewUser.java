package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

/** What the service supplies to create a user; the password is already a bcrypt hash. Users start enabled. */
public record NewUser(
        String username,
        String name,
        String email,
        String passwordHash,
        UserRole role,
        boolean adminForcedPasswordReset,
        boolean ssoEnabled) {

    public NewUser {
        requireNonNull(username, "username is null");
        requireNonNull(name, "name is null");
        requireNonNull(email, "email is null");
        requireNonNull(passwordHash, "passwordHash is null");
        requireNonNull(role, "role is null");
        if (username.isBlank()) {
            throw new IllegalArgumentException("username is empty");
        }
        if (email.isBlank()) {
            throw new IllegalArgumentException("email is empty");
        }
    }

    /** Leaves out the password hash. */
    @Override
    public String toString() {
        return "NewUser[username=" + username + ", email=" + email + ", role=" + role.value() + "]";
    }
}
