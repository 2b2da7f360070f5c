package dev.kolide.fleet.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.datastore.AlreadyExistsException;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.datastore.OrderDirection;
import dev.kolide.fleet.domain.Invite;
import dev.kolide.fleet.domain.NewInvite;
import dev.kolide.fleet.domain.NewQuery;
import dev.kolide.fleet.domain.NewUser;
import dev.kolide.fleet.domain.PasswordResetRequest;
import dev.kolide.fleet.domain.Session;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.domain.UserRole;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Users, sessions, invites and password reset requests. */
class UserStoreTest extends DatastoreTestBase {
    private static final String HASH = "$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";
    private static final String SALT = "c2FsdHNhbHRzYWx0c2FsdHNhbHRzYWx0";

    private User admin(String username) {
        return ds.users().create(new NewUser(username, "Admin " + username, username + "@example.com", HASH,
                SALT, UserRole.ADMIN, false, false, "CISO", "https://gravatar.example/" + username));
    }

    @Test
    void usersAreFoundByIdUsernameAndEmail() {
        assertThat(ds.users().count()).isZero();
        User user = admin("alice");

        assertThat(user.enabled()).isTrue();
        assertThat(user.passwordHash()).isEqualTo(HASH);
        assertThat(user.passwordSalt()).isEqualTo(SALT);
        assertThat(user.position()).isEqualTo("CISO");
        assertThat(user.gravatarUrl()).isEqualTo("https://gravatar.example/alice");
        assertThat(user.createdAt()).isEqualTo(T0);
        assertThat(ds.users().find(user.id())).contains(user);
        assertThat(ds.users().findByUsername("alice")).contains(user);
        assertThat(ds.users().findByEmail("alice@example.com")).contains(user);
        assertThat(ds.users().count()).isEqualTo(1);
        assertThat(user.toString()).doesNotContain(HASH).doesNotContain(SALT);
    }

    @Test
    void aTakenUsernameOrEmailIsAlreadyExists() {
        admin("alice");

        assertThatThrownBy(() -> admin("alice")).isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("username \"alice\"");
        assertThatThrownBy(() -> ds.users().create(new NewUser("alice2", "", "alice@example.com", HASH, SALT,
                UserRole.OBSERVER, false, false, "", ""))).isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void updateSavesEveryEditableField() {
        User user = admin("alice");
        clock.advance(Duration.ofMinutes(5));

        User saved = ds.users().update(new User(user.id(), "alice.b", "Alice B", "ab@example.com", "$2a$12$new",
                "newsalt", UserRole.OBSERVER, false, true, true, "CTO", "https://gravatar.example/b",
                user.createdAt(), user.updatedAt()));

        assertThat(saved.username()).isEqualTo("alice.b");
        assertThat(saved.email()).isEqualTo("ab@example.com");
        assertThat(saved.passwordHash()).isEqualTo("$2a$12$new");
        assertThat(saved.passwordSalt()).isEqualTo("newsalt");
        assertThat(saved.position()).isEqualTo("CTO");
        assertThat(saved.gravatarUrl()).isEqualTo("https://gravatar.example/b");
        assertThat(saved.role()).isEqualTo(UserRole.OBSERVER);
        assertThat(saved.enabled()).isFalse();
        assertThat(saved.adminForcedPasswordReset()).isTrue();
        assertThat(saved.ssoEnabled()).isTrue();
        assertThat(saved.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(ds.users().list(ListOptions.all().orderBy("username", OrderDirection.ASC))).containsExactly(saved);
    }

    @Test
    void sessionsAreFoundByKeyTouchedAndDeleted() {
        User user = admin("alice");
        Session first = ds.sessions().create(user.id(), "KeyOne");
        Session second = ds.sessions().create(user.id(), "KeyTwo");

        assertThat(ds.sessions().findByKey("KeyOne")).contains(first);
        assertThat(ds.sessions().findByKey("keyone")).isEmpty();
        ds.sessions().touch(first.id(), T0.plus(Duration.ofHours(2)));
        assertThat(ds.sessions().find(first.id()).orElseThrow().accessedAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(ds.sessions().listForUser(user.id())).extracting(Session::id).containsExactly(first.id(), second.id());

        assertThat(ds.sessions().deleteAccessedBefore(T0.plus(Duration.ofHours(1)))).isEqualTo(1);
        assertThat(ds.sessions().find(second.id())).isEmpty();
        ds.sessions().delete(first.id());
        assertThatThrownBy(() -> ds.sessions().delete(first.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ds.sessions().touch(first.id(), T0)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void sessionKeysAreUniqueAndNeedAUser() {
        User user = admin("alice");
        ds.sessions().create(user.id(), "same-key");

        assertThatThrownBy(() -> ds.sessions().create(user.id(), "same-key")).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> ds.sessions().create(404, "other-key"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("user 404 not found");
    }

    @Test
    void loggingOutEverywhereAndDeletingAUserRemoveSessionsButKeepQueries() {
        User user = admin("alice");
        ds.sessions().create(user.id(), "a");
        ds.sessions().create(user.id(), "b");
        assertThat(ds.sessions().deleteAllForUser(user.id())).isEqualTo(2);
        ds.sessions().create(user.id(), "c");
        long query = ds.queries().create(new NewQuery("mine", "", "select 1;", true, user.id())).id();

        ds.users().delete(user.id());

        assertThat(ds.sessions().findByKey("c")).isEmpty();
        assertThat(ds.queries().find(query).orElseThrow().authorId()).isNull();
    }

    @Test
    void invitesAreUniquePerEmailAndFoundByToken() {
        User inviter = admin("alice");
        Invite invite = ds.invites().create(new NewInvite(inviter.id(), "bob@example.com", "Bob", "SRE",
                UserRole.OBSERVER, false, "invite-token"));

        assertThat(ds.invites().findByToken("invite-token")).contains(invite);
        assertThat(ds.invites().findByEmail("bob@example.com")).contains(invite);
        assertThat(invite.role()).isEqualTo(UserRole.OBSERVER);
        assertThatThrownBy(() -> ds.invites().create(new NewInvite(inviter.id(), "bob@example.com", "", "",
                UserRole.ADMIN, false, "other-token"))).isInstanceOf(AlreadyExistsException.class);
        ds.invites().delete(invite.id());
        assertThat(ds.invites().list(ListOptions.all())).isEmpty();
    }

    @Test
    void passwordResetRequestsAreFoundByTokenAndExpire() {
        User user = admin("alice");
        PasswordResetRequest request =
                ds.passwordResets().create(user.id(), "reset-token", T0.plus(Duration.ofHours(24)));

        assertThat(ds.passwordResets().findByToken("reset-token")).contains(request);
        assertThat(ds.passwordResets().deleteExpired(T0.plus(Duration.ofHours(23)))).isZero();
        assertThat(ds.passwordResets().deleteExpired(T0.plus(Duration.ofHours(25)))).isEqualTo(1);
        ds.passwordResets().create(user.id(), "second", T0.plus(Duration.ofHours(24)));
        assertThat(ds.passwordResets().deleteForUser(user.id())).isEqualTo(1);
    }
}
