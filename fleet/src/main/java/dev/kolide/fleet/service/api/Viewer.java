package dev.kolide.fleet.service.api;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.Session;
import dev.kolide.fleet.domain.User;

/**
 * Who is calling: an enabled user and the session their token names, as
 * {@link dev.kolide.fleet.service.api.sessions.SessionService#authenticate} found them. Every service call made
 * for a person takes one, so that the rules about who may do what live in the services (see {@link Access}),
 * whatever the transport.
 */
public record Viewer(User user, Session session) {

    public Viewer {
        requireNonNull(user, "user is null");
        requireNonNull(session, "session is null");
        if (session.userId() != user.id()) {
            throw new IllegalArgumentException("session " + session.id() + " belongs to user " + session.userId()
                    + ", not to user " + user.id());
        }
    }

    public long userId() {
        return user.id();
    }

    public boolean isAdmin() {
        return user.isAdmin();
    }

    /** Whether the user must set a new password before doing anything else. */
    public boolean mustResetPassword() {
        return user.adminForcedPasswordReset();
    }
}
