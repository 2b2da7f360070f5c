package dev.kolide.fleet.service.api.sessions;

import dev.kolide.fleet.domain.Session;
import dev.kolide.fleet.service.api.Viewer;
import java.util.List;

/**
 * Logging in and out, and turning a session token back into a {@link Viewer}. Tokens are Kolide's: a random
 * session key, stored in the sessions table, inside an HS256 JWT.
 */
public interface SessionService {

    /**
     * Checks {@code username} (or email) and {@code password}, then opens a session.
     *
     * @param clientAddress the caller's IP, for the per-address limit on failed logins
     * @throws dev.kolide.fleet.auth.LoginRateLimitedException after too many failures from that address or for
     *     that username
     * @throws dev.kolide.fleet.service.api.AuthenticationFailedException for a wrong username or password, a
     *     disabled user or an SSO user, all with the same message
     */
    LoginResult login(String username, String password, String clientAddress);

    /** Ends the viewer's own session: its token stops working at once. */
    void logout(Viewer viewer);

    /**
     * The viewer a bearer token stands for: the token must verify, its session must exist and not have expired
     * (unused for the session duration), and its user must be enabled. Records the session's use at most once a
     * minute, not at every request.
     *
     * @param bearerToken the token from {@code Authorization: Bearer}, or null when there was none
     * @throws dev.kolide.fleet.service.api.AuthenticationFailedException saying what was wrong
     */
    Viewer authenticate(String bearerToken);

    /** One session (admins, or the session's user). */
    Session get(Viewer viewer, long sessionId);

    /** Revokes one session (admins, or the session's user). */
    void delete(Viewer viewer, long sessionId);

    /** A user's sessions (admins, or the user). */
    List<Session> listForUser(Viewer viewer, long userId);

    /** Revokes every session of a user (admins, or the user). */
    void deleteForUser(Viewer viewer, long userId);
}
