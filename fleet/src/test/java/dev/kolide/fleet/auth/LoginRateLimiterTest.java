package dev.kolide.fleet.auth;

import dev.kolide.kit.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final LoginRateLimiter limiter = new LoginRateLimiter(clock);

    @Test
    void tenFailuresFromOneIpAreAllowedAndTheEleventhAttemptIsRefused() {
        for (int i = 0; i < 10; i++) {
            limiter.begin("10.0.0.1", "user" + i); // never succeeds: a failure
        }

        assertThatThrownBy(() -> limiter.begin("10.0.0.1", "someone-new"))
                .isInstanceOf(LoginRateLimitedException.class);
        assertThat(limiter.begin("10.0.0.2", "someone-new")).isNotNull();
    }

    @Test
    void tenFailuresForOneUsernameFromManyIpsLimitThatUsername() {
        for (int i = 0; i < 10; i++) {
            limiter.begin("10.0.0." + i, "admin");
        }

        assertThatThrownBy(() -> limiter.begin("10.9.9.9", "admin")).isInstanceOf(LoginRateLimitedException.class);
        assertThat(limiter.begin("10.9.9.9", "alice")).isNotNull();
    }

    @Test
    void usernamesAreCountedIgnoringCaseAndSurroundingSpace() {
        for (int i = 0; i < 10; i++) {
            limiter.begin("10.0.0." + i, i % 2 == 0 ? "Admin@Example.com" : " admin@example.com ");
        }

        assertThatThrownBy(() -> limiter.begin("10.9.9.9", "ADMIN@EXAMPLE.COM"))
                .isInstanceOf(LoginRateLimitedException.class);
    }

    @Test
    void theLimitLastsForTheRestOfTheWindowThatOpenedWithTheFirstFailure() {
        limiter.begin("10.0.0.1", "");
        clock.advance(Duration.ofSeconds(20));
        for (int i = 0; i < 9; i++) {
            limiter.begin("10.0.0.1", "");
        }

        assertThatThrownBy(() -> limiter.begin("10.0.0.1", ""))
                .isInstanceOfSatisfying(LoginRateLimitedException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(40));

        clock.advance(Duration.ofMillis(39_500));
        assertThatThrownBy(() -> limiter.begin("10.0.0.1", ""))
                .isInstanceOfSatisfying(LoginRateLimitedException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));

        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.begin("10.0.0.1", "")).isNotNull();
    }

    @Test
    void refusedAttemptsDoNotExtendTheWait() {
        for (int i = 0; i < 10; i++) {
            limiter.begin("10.0.0.1", "");
        }
        for (int second = 0; second < 59; second++) {
            clock.advance(Duration.ofSeconds(1));
            assertThatThrownBy(() -> limiter.begin("10.0.0.1", "")).isInstanceOf(LoginRateLimitedException.class);
        }

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.begin("10.0.0.1", "")).isNotNull();
    }

    @Test
    void attemptsCountBeforeTheirOutcomeSoAConcurrentBurstCannotOvershoot() {
        for (int i = 0; i < 10; i++) {
            limiter.begin("10.0.0.1", "admin"); // all still checking their password
        }

        assertThatThrownBy(() -> limiter.begin("10.0.0.1", "admin")).isInstanceOf(LoginRateLimitedException.class);
    }

    @Test
    void successfulLoginsDoNotCountAsFailures() {
        for (int i = 0; i < 50; i++) {
            limiter.begin("10.0.0.1", "alice").succeeded();
        }

        assertThat(limiter.begin("10.0.0.1", "alice")).isNotNull();
    }

    @Test
    void aSuccessClearsTheUsernamesFailuresButNotTheIps() {
        for (int i = 0; i < 9; i++) {
            limiter.begin("10.0.0.1", "alice");
        }
        limiter.begin("10.0.0.1", "alice").succeeded();

        // alice starts afresh from another IP...
        for (int i = 0; i < 10; i++) {
            limiter.begin("10.0.0." + (100 + i), "alice");
        }
        assertThatThrownBy(() -> limiter.begin("10.0.0.200", "alice")).isInstanceOf(LoginRateLimitedException.class);

        // ...but the first IP's nine failures still stand: one more and it is limited.
        limiter.begin("10.0.0.1", "bob");
        assertThatThrownBy(() -> limiter.begin("10.0.0.1", "carol")).isInstanceOf(LoginRateLimitedException.class);
    }

    @Test
    void succeedingTwiceTakesBackOnlyOneFailure() {
        for (int i = 0; i < 9; i++) {
            limiter.begin("10.0.0.1", "");
        }
        LoginRateLimiter.LoginAttempt attempt = limiter.begin("10.0.0.1", "");
        attempt.succeeded();
        attempt.succeeded();

        limiter.begin("10.0.0.1", "");
        assertThatThrownBy(() -> limiter.begin("10.0.0.1", "")).isInstanceOf(LoginRateLimitedException.class);
    }

    @Test
    void aSuccessAfterItsWindowEndedDoesNotReduceTheNextWindow() {
        LoginRateLimiter.LoginAttempt slow = limiter.begin("10.0.0.1", "");
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            limiter.begin("10.0.0.1", "");
        }

        slow.succeeded();

        assertThatThrownBy(() -> limiter.begin("10.0.0.1", "")).isInstanceOf(LoginRateLimitedException.class);
    }

    @Test
    void trackedKeysStayWithinTheCapWhileWindowsAreOpen() {
        LoginRateLimiter small = new LoginRateLimiter(clock, 10, Duration.ofMinutes(1), 100);

        for (int i = 0; i < 1_000; i++) {
            small.begin("10.0." + (i / 256) + "." + (i % 256), "user" + i);
        }

        assertThat(small.trackedKeys()).isEqualTo(200);
    }

    @Test
    void endedWindowsAreDroppedAsNewKeysArrive() {
        LoginRateLimiter small = new LoginRateLimiter(clock, 10, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 50; i++) {
            small.begin("10.0.0." + i, "");
        }

        clock.advance(Duration.ofMinutes(2));
        small.begin("10.0.1.1", "");

        assertThat(small.trackedKeys()).isEqualTo(1);
    }

    @Test
    void atTheCapTheOldestOpenWindowIsForgottenFirst() {
        LoginRateLimiter small = new LoginRateLimiter(clock, 2, Duration.ofMinutes(1), 2);
        small.begin("oldest", "");
        small.begin("oldest", "");
        clock.advance(Duration.ofSeconds(1));
        small.begin("newer", "");
        small.begin("newer", "");

        small.begin("newest", "");

        assertThatThrownBy(() -> small.begin("newer", "")).isInstanceOf(LoginRateLimitedException.class);
        assertThat(small.begin("oldest", "")).isNotNull(); // forgotten, so allowed again
    }
}
