package dev.kolide.fleet.service.api.sessions;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.auth.HashedPassword;
import dev.kolide.fleet.auth.InvalidSessionTokenException;
import dev.kolide.fleet.auth.LoginRateLimiter;
import dev.kolide.fleet.auth.PasswordHasher;
import dev.kolide.fleet.auth.SessionTokens;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.datastore.SessionStore;
import dev.kolide.fleet.datastore.UserStore;
import dev.kolide.fleet.domain.Session;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.service.api.Access;
import dev.kolide.fleet.service.api.AuthenticationFailedException;
import dev.kolide.fleet.service.api.Viewer;
import dev.kolide.fleet.service.api.users.UserEdits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link SessionService} over the user and session stores. */
public final class DefaultSessionService implements SessionService {

    /**
     * A session's accessed_at is written at most this often. Expiry is counted in days, so a minute's error costs
     * nothing, and a busy UI no longer writes a row at every request.
     */
    public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    /** The same answer for every login failure, so that it does not tell which usernames exist. */
    static final String LOGIN_FAILED = "username or email and password do not match";

    private final Logger log = LoggerFactory.getLogger(DefaultSessionService.class);
    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final SessionTokens tokens;
    private final LoginRateLimiter rateLimiter;
    private final SessionIssuer issuer;
    private final Duration sessionDuration;
    private final Clock clock;
    /** Checked when no user matches, so that a login for a missing user takes as long as a wrong password. */
    private final HashedPassword decoy;

    /**
     * @param sessionDuration {@code session.duration}: a session unused for this long has expired (Kolide: 90
     *     days)
     */
    public DefaultSessionService(UserStore users, SessionStore sessions, PasswordHasher hasher, SessionTokens tokens,
            LoginRateLimiter rateLimiter, Duration sessionDuration, Clock clock) {
        this.users = requireNonNull(users, "users is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.rateLimiter = requireNonNull(rateLimiter, "rateLimiter is null");
        this.sessionDuration = requireNonNull(sessionDuration, "sessionDuration is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (sessionDuration.isNegative() || sessionDuration.isZero()) {
            throw new IllegalArgumentException("session duration must be positive, not " + sessionDuration);
        }
        this.issuer = new SessionIssuer(sessions, tokens);
        this.decoy = hasher.hash(tokens.newSessionKey());
    }

    @Override
    public LoginResult login(String username, String password, String clientAddress) {
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(clientAddress, "clientAddress is null");
        LoginRateLimiter.LoginAttempt attempt = rateLimiter.begin(clientAddress, username);
        Optional<User> found = username.isBlank() ? Optional.empty()
                : users.findByUsername(username).or(() -> users.findByEmail(username));
        if (found.isEmpty()) {
            hasher.matches(password, decoy);
            log.info("failed login from {}: no such user", clientAddress);
            throw new AuthenticationFailedException(LOGIN_FAILED);
        }
        User user = found.get();
        HashedPassword stored = new HashedPassword(user.passwordHash(), user.passwordSalt());
        // The password first: whether a user is disabled or uses SSO is told only to who knows the password.
        if (!hasher.matches(password, stored) || !user.enabled() || user.ssoEnabled()) {
            log.info("failed login from {} for user {}", clientAddress, user.id());
            throw new AuthenticationFailedException(LOGIN_FAILED);
        }
        attempt.succeeded();
        if (hasher.needsRehash(stored)) {
            HashedPassword rehashed = hasher.hash(password);
            user = users.update(UserEdits.withPassword(user, rehashed, user.adminForcedPasswordReset()));
        }
        return new LoginResult(user, issuer.issue(user));
    }

    @Override
    public void logout(Viewer viewer) {
        requireNonNull(viewer, "viewer is null");
        sessions.delete(viewer.session().id());
    }

    @Override
    public Viewer authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw new AuthenticationFailedException(
                    "no session token: send Authorization: Bearer <token> (from POST /api/v1/kolide/login)");
        }
        String key;
        try {
            key = tokens.verify(bearerToken);
        } catch (InvalidSessionTokenException e) {
            throw new AuthenticationFailedException(e.getMessage(), e);
        }
        Session session = sessions.findByKey(key).orElseThrow(() ->
                new AuthenticationFailedException("the session has ended (logged out or revoked); log in again"));
        Instant now = clock.instant();
        if (!session.accessedAt().plus(sessionDuration).isAfter(now)) {
            deleteQuietly(session);
            throw new AuthenticationFailedException("the session has expired; log in again");
        }
        User user = users.find(session.userId()).orElseThrow(() ->
                new AuthenticationFailedException("the session's user no longer exists"));
        if (!user.enabled()) {
            throw new AuthenticationFailedException("user " + user.username() + " is disabled");
        }
        if (Duration.between(session.accessedAt(), now).compareTo(TOUCH_INTERVAL) >= 0) {
            try {
                sessions.touch(session.id(), now);
            } catch (NotFoundException e) {
                throw new AuthenticationFailedException("the session has ended (logged out or revoked); log in again",
                        e);
            }
            session = new Session(session.id(), session.userId(), session.key(), session.createdAt(), now);
        }
        return new Viewer(user, session);
    }

    @Override
    public Session get(Viewer viewer, long sessionId) {
        Access.requireActive(viewer);
        Session session = sessions.find(sessionId).orElseThrow(() -> NotFoundException.of("session", sessionId));
        Access.requireAdminOrSelf(viewer, session.userId());
        return session;
    }

    @Override
    public void delete(Viewer viewer, long sessionId) {
        Session session = get(viewer, sessionId);
        sessions.delete(session.id());
    }

    @Override
    public List<Session> listForUser(Viewer viewer, long userId) {
        Access.requireAdminOrSelf(viewer, userId);
        requireUser(userId);
        return sessions.listForUser(userId);
    }

    @Override
    public void deleteForUser(Viewer viewer, long userId) {
        Access.requireAdminOrSelf(viewer, userId);
        requireUser(userId);
        sessions.deleteAllForUser(userId);
    }

    private void requireUser(long userId) {
        if (users.find(userId).isEmpty()) {
            throw NotFoundException.of("user", userId);
        }
    }

    private void deleteQuietly(Session session) {
        try {
            sessions.delete(session.id());
        } catch (NotFoundException e) {
            // Deleted meanwhile by another request or node: the outcome is the same.
        }
    }
}
