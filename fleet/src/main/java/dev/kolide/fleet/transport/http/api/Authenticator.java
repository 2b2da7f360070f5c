package dev.kolide.fleet.transport.http.api;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.service.api.Viewer;
import dev.kolide.fleet.service.api.sessions.SessionService;
import dev.kolide.fleet.transport.http.routing.RouteRequest;
import java.util.Locale;
import java.util.Optional;

/** Reads {@code Authorization: Bearer <token>} and asks the session service who it stands for. */
public final class Authenticator {

    private static final String BEARER = "bearer ";

    private final SessionService sessions;

    public Authenticator(SessionService sessions) {
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    /** The viewer of a routed request; the service's AuthenticationFailedException (401) otherwise. */
    public Viewer viewer(RouteRequest request) {
        requireNonNull(request, "request is null");
        return viewer(request.header("Authorization"));
    }

    /** The viewer an Authorization header value stands for; empty, or another scheme than Bearer, is no token. */
    public Viewer viewer(Optional<String> authorization) {
        requireNonNull(authorization, "authorization is null");
        return sessions.authenticate(bearerToken(authorization.orElse(null)));
    }

    /** The token of a {@code Bearer} header value (scheme in any case), or null. */
    static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() <= BEARER.length() || !value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT)
                .equals(BEARER)) {
            return null;
        }
        return value.substring(BEARER.length()).strip();
    }
}
