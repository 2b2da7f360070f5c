package dev.kolide.fleet.auth;

import static java.util.Objects.requireNonNull;

/**
 * A stored password: the bcrypt string ({@code users.password}) and Kolide's per-user salt ({@code users.salt})
 * that was appended to the password before hashing. Neither is shown by {@link #toString()}.
 *
 * @param hash a bcrypt string such as {@code $2a$12$...}
 * @param salt base64 text; empty when the salt size is 0
 */
public record HashedPassword(String hash, String salt) {
    public HashedPassword {
        requireNonNull(hash, "hash is null");
        requireNonNull(salt, "salt is null");
    }

    @Override
    public String toString() {
        return "HashedPassword[hash=********, salt=********]";
    }
}
