package dev.kolide.fleet.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.auth.LoginRateLimitedException;
import dev.kolide.fleet.domain.NewUser;
import dev.kolide.fleet.domain.Session;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.domain.UserRole;
import dev.kolide.fleet.service.api.sessions.LoginResult;
import dev.kolide.fleet.service.api.users.UserEdits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Logins, tokens, session use, expiry and revocation at the service level, with the test clock. */
class SessionServiceTest extends ServiceTestBase {
    private static final String PW = ApiTestEnvironment.PASSWORD;

    @Test
    void loginAcceptsTheUsernameOrTheEmail() {
        LoginResult byName = services.sessions().login("observer", PW, "10.0.0.1");
        LoginResult byEmail = services.sessions().login("observer@example.com", PW, "10.0.0.1");

        assertThat(byName.user().id()).isEqualTo(observerUser.id());
        assertThat(byEmail.user().id()).isEqualTo(observerUser.id());
        assertThat(services.sessions().authenticate(byEmail.token()).userId()).isEqualTo(observerUser.id());
        assertThat(byName.toString()).doesNotContain(byName.token());
    }

    @Test
    void everyLoginFailureSaysTheSameThing() {
        User disabled = env.createUser("disabled", UserRole.OBSERVER);
        env.datastore().users().update(UserEdits.withEnabled(disabled, false));

        for (String[] attempt : new String[][] {{"observer", "wrong-Passw0rd!"}, {"nobody", PW}, {"disabled", PW},
                {"", PW}}) {
            assertThatThrownBy(() -> services.sessions().login(attempt[0], attempt[1], "10.0.0.2"))
                    .as(attempt[0])
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessage("username or email and password do not match");
        }
    }

    @Test
    void tenFailuresForOneUsernameFromManyAddressesLockThatUsernameForAMinute() {
        for (int i = 0; i < 10; i++) {
            String address = "10.0.1." + i;
            assertThatThrownBy(() -> services.sessions().login("admin", "wrong-Passw0rd!", address))
                    .isInstanceOf(AuthenticationFailedException.class);
        }

        assertThatThrownBy(() -> services.sessions().login("admin", PW, "10.0.2.1"))
                .isInstanceOf(LoginRateLimitedException.class)
                .satisfies(e -> assertThat(((LoginRateLimitedException) e).retryAfterSeconds()).isEqualTo(60));
        assertThat(services.sessions().login("observer", PW, "10.0.2.1").user().id()).isEqualTo(observerUser.id());

        env.clock().advance(Duration.ofSeconds(60));
        assertThat(services.sessions().login("admin", PW, "10.0.2.1").user().id()).isEqualTo(adminUser.id());
    }

    @Test
    void aSessionIsMarkedUsedAtMostOnceAMinute() {
        Session session = observer.session();
        assertThat(session.accessedAt()).isEqualTo(ApiTestEnvironment.T0);

        env.clock().advance(Duration.ofSeconds(59));
        Viewer early = services.sessions().authenticate(env.tokens().sign(session.key()));
        assertThat(stored(session).accessedAt()).isEqualTo(ApiTestEnvironment.T0);
        assertThat(early.session().accessedAt()).isEqualTo(ApiTestEnvironment.T0);

        env.clock().advance(Duration.ofSeconds(1));
        Viewer late = services.sessions().authenticate(env.tokens().sign(session.key()));
        assertThat(stored(session).accessedAt()).isEqualTo(ApiTestEnvironment.T0.plusSeconds(60));
        assertThat(late.session().accessedAt()).isEqualTo(ApiTestEnvironment.T0.plusSeconds(60));
    }

    @Test
    void aSessionUnusedForTheSessionDurationHasExpiredAndIsDeleted() {
        String token = env.tokenFor(observerUser);
        long sessionId = services.sessions().authenticate(token).session().id();

        env.clock().advance(ApiTestEnvironment.SESSION_DURATION.minusSeconds(1));
        services.sessions().authenticate(token);
        env.clock().advance(ApiTestEnvironment.SESSION_DURATION);

        // The token's own exp (90 days after issue) has passed too; a fresh token for the same key shows the
        // session's expiry is checked on its own.
        Session session = env.datastore().sessions().find(sessionId).orElseThrow();
        assertThatThrownBy(() -> services.sessions().authenticate(env.tokens().sign(session.key())))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("expired");
        assertThat(env.datastore().sessions().find(sessionId)).isEmpty();
    }

    @Test
    void logoutEndsOnlyTheViewersOwnSession() {
        String first = env.tokenFor(observerUser);
        String second = env.tokenFor(observerUser);

        services.sessions().logout(services.sessions().authenticate(first));

        assertThatThrownBy(() -> services.sessions().authenticate(first))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("logged out or revoked");
        assertThat(services.sessions().authenticate(second).userId()).isEqualTo(observerUser.id());
    }

    @Test
    void disablingAUserOrForcingTheirResetEndsTheirSessions() {
        String token = env.tokenFor(observerUser);
        User other = env.createUser("other", UserRole.OBSERVER);
        String otherToken = env.tokenFor(other);

        services.users().setEnabled(admin, observerUser.id(), false);
        services.users().requirePasswordReset(admin, other.id(), true);

        assertThatThrownBy(() -> services.sessions().authenticate(token))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> services.sessions().authenticate(otherToken))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(env.datastore().sessions().listForUser(observerUser.id())).isEmpty();
        assertThatThrownBy(() -> services.sessions().login("observer", PW, "10.0.3.1"))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aMissingOrUntrustedTokenIsRefused() {
        assertThatThrownBy(() -> services.sessions().authenticate(null))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("no session token");
        assertThatThrownBy(() -> services.sessions().authenticate("not.a.jwt"))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("session token");
        assertThatThrownBy(() -> services.sessions().authenticate(env.tokens().sign("no-such-session")))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("logged out or revoked");
    }

    @Test
    void passwordsAreHashedWithBcryptCost12AndOlderHashesAreUpgradedAtLogin() {
        // The other tests hash at cost 4; this one checks the real cost, on a database of its own.
        try (ApiTestEnvironment real = ApiTestEnvironment.open(engine, 12)) {
            User fresh = real.createUser("fresh", UserRole.OBSERVER);
            assertThat(fresh.passwordHash()).startsWith("$2a$12$");
            assertThat(fresh.passwordSalt()).isNotEmpty();
            assertThat(real.services().sessions().login("fresh", PW, "10.0.4.1").user().id()).isEqualTo(fresh.id());

            // A user hashed at cost 4 (as in this class's database) logs in and comes out at cost 12.
            User old = env.createUser("old", UserRole.OBSERVER);
            real.datastore().users().create(new NewUser("old", "", "old@example.com",
                    old.passwordHash(), old.passwordSalt(), UserRole.OBSERVER, false, false, "", ""));
            LoginResult upgraded = real.services().sessions().login("old", PW, "10.0.4.1");
            assertThat(old.passwordHash()).startsWith("$2a$04$");
            assertThat(upgraded.user().passwordHash()).startsWith("$2a$12$");
            assertThat(real.services().sessions().login("old", PW, "10.0.4.1").user().id())
                    .isEqualTo(upgraded.user().id());
        }
    }

    private Session stored(Session session) {
        return env.datastore().sessions().find(session.id()).orElseThrow();
    }
}
