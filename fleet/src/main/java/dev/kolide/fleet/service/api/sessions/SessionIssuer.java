package dev.kolide.fleet.service.api.sessions;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.auth.SessionTokens;
import dev.kolide.fleet.datastore.SessionStore;
import dev.kolide.fleet.domain.User;

/**
 * Opens a session for a user and returns its token. Not a service: callers have already checked who the user
 * is (login checked the password; first-run setup just created the admin).
 */
public final class SessionIssuer {

    private final SessionStore sessions;
    private final SessionTokens tokens;

    public SessionIssuer(SessionStore sessions, SessionTokens tokens) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    /** A new session for {@code user}, as the token that names it. */
    public String issue(User user) {
        requireNonNull(user, "user is null");
        String key = tokens.newSessionKey();
        sessions.create(user.id(), key);
        return tokens.sign(key);
    }
}
