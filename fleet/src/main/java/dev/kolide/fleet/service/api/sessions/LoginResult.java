package dev.kolide.fleet.service.api.sessions;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.User;

/** Who logged in, and the token (an HS256 JWT) their later requests carry as {@code Authorization: Bearer}. */
public record LoginResult(User user, String token) {

    public LoginResult {
        requireNonNull(user, "user is null");
        requireNonNull(token, "token is null");
    }

    /** Leaves out the token. */
    @Override
    public String toString() {
        return "LoginResult[user=" + user + "]";
    }
}
