package dev.kolide.fleet.auth;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Limits failed logins per client IP and per username (Kolide Fleet had no limit; fleetdm added 10 a minute).
 *
 * <p>Each key (an IP, a username) has a fixed window that opens with its first attempt and lasts
 * {@code window}. Once {@code maxFailures} attempts in a window have failed, further attempts for that key are
 * refused until the window ends: with the defaults, no more than 10 wrong passwords a minute per IP and per
 * username. Refused attempts are not counted, so hammering does not extend the wait.
 *
 * <p>An attempt counts as a failure from {@link #begin} on, and {@link LoginAttempt#succeeded()} takes it back.
 * Counting before the password check (which takes a quarter second of bcrypt) stops a client from getting
 * hundreds of guesses past the limit by sending them all at once.
 *
 * <p>A success clears the username's failures (a user who mistyped a few times starts afresh) but not the IP's
 * earlier failures: otherwise an attacker with one working account could clear their IP's count between guesses
 * at others. Usernames are compared ignoring case and surrounding space (Kolide logs in by username or email).
 *
 * <p>Memory: at most {@code maxTrackedKeys} IPs and as many usernames. Windows are kept in the order they
 * opened, so ended ones are dropped from the front as new keys arrive; when every tracked window is still open
 * the oldest is dropped, which forgets that key's count early rather than growing without bound.
 */
public final class LoginRateLimiter {
    public static final int DEFAULT_MAX_FAILURES = 10;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_TRACKED_KEYS = 100_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final int maxTrackedKeys;
    // Guarded by this: logins are rare next to host check-ins, one lock is plenty.
    private final Map<String, Window> byIp = new LinkedHashMap<>();
    private final Map<String, Window> byUsername = new LinkedHashMap<>();

    /** 10 failures a minute per IP and per username, 100,000 keys of each. */
    public LoginRateLimiter(Clock clock) {
        this(clock, DEFAULT_MAX_FAILURES, DEFAULT_WINDOW, DEFAULT_MAX_TRACKED_KEYS);
    }

    public LoginRateLimiter(Clock clock, int maxFailures, Duration window, int maxTrackedKeys) {
        this.clock = requireNonNull(clock, "clock is null");
        this.window = requireNonNull(window, "window is null");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be positive, not " + maxFailures);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, not " + window);
        }
        if (maxTrackedKeys < 1) {
            throw new IllegalArgumentException("maxTrackedKeys must be positive, not " + maxTrackedKeys);
        }
        this.maxFailures = maxFailures;
        this.maxTrackedKeys = maxTrackedKeys;
    }

    /** One login attempt in progress: a failure unless {@link #succeeded()} is called. */
    public final class LoginAttempt {
        private final Window ipWindow;
        private final String usernameKey;
        private boolean done;

        private LoginAttempt(Window ipWindow, String usernameKey) {
            this.ipWindow = ipWindow;
            this.usernameKey = usernameKey;
        }

        /** The password was right: this attempt no longer counts against the IP, and the username starts afresh. */
        public void succeeded() {
            synchronized (LoginRateLimiter.this) {
                if (done) {
                    return;
                }
                done = true;
                // Only this attempt's own count, and only if its window is still the current one.
                ipWindow.failures = Math.max(0, ipWindow.failures - 1);
                if (usernameKey != null) {
                    byUsername.remove(usernameKey);
                }
            }
        }
    }

    /**
     * Starts a login attempt from {@code clientIp} for {@code username}, counted as failed until the returned
     * attempt {@linkplain LoginAttempt#succeeded() succeeds}.
     *
     * @param username as typed; blank counts against the IP only
     * @throws LoginRateLimitedException if the IP or the username has used up its failures in the current window
     */
    public synchronized LoginAttempt begin(String clientIp, String username) {
        requireNonNull(clientIp, "clientIp is null");
        requireNonNull(username, "username is null");
        Instant now = clock.instant();
        String usernameKey = username.isBlank() ? null : username.strip().toLowerCase(Locale.ROOT);

        Window ipWindow = current(byIp, clientIp, now);
        Window userWindow = usernameKey == null ? null : current(byUsername, usernameKey, now);
        long retryAfter = Math.max(retryAfterSeconds(ipWindow, now),
                userWindow == null ? 0 : retryAfterSeconds(userWindow, now));
        if (retryAfter > 0) {
            throw new LoginRateLimitedException(retryAfter);
        }
        ipWindow.failures++;
        if (userWindow != null) {
            userWindow.failures++;
        }
        return new LoginAttempt(ipWindow, usernameKey);
    }

    /** How many keys are tracked now, IPs and usernames together; for tests and metrics. */
    public synchronized int trackedKeys() {
        return byIp.size() + byUsername.size();
    }

    private long retryAfterSeconds(Window w, Instant now) {
        if (w.failures < maxFailures) {
            return 0;
        }
        Duration left = Duration.between(now, w.end);
        // Round up: Retry-After is whole seconds, and "0" would invite an immediate retry that is refused.
        return Math.max(1, (left.toMillis() + 999) / 1000);
    }

    private Window current(Map<String, Window> windows, String key, Instant now) {
        Window w = windows.get(key);
        if (w != null && now.isBefore(w.end)) {
            return w;
        }
        if (w != null) {
            windows.remove(key);
        }
        evict(windows, now);
        Window fresh = new Window(now.plus(window));
        // Re-inserted at the end, so the map stays in the order windows opened (and end).
        windows.put(key, fresh);
        return fresh;
    }

    private void evict(Map<String, Window> windows, Instant now) {
        Iterator<Window> it = windows.values().iterator();
        while (it.hasNext()) {
            Window oldest = it.next();
            if (now.isBefore(oldest.end) && windows.size() < maxTrackedKeys) {
                return;
            }
            it.remove();
        }
    }

    /** One key's failures in its current window. */
    private static final class Window {
        final Instant end;
        int failures;

        Window(Instant end) {
            this.end = end;
        }
    }
}
