package dev.kolide.fleet.client;

import static java.util.Objects.requireNonNull;

/** A logged-in user and the token to send as {@code Authorization: Bearer}; the token is kept out of toString. */
public record Session(User user, String token) {
    public Session {
        requireNonNull(user, "user is null");
        requireNonNull(token, "token is null");
    }

    @Override
    public String toString() {
        return "Session[user=" + user.username() + "]";
    }
}
