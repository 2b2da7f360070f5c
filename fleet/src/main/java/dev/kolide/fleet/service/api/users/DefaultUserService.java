package dev.kolide.fleet.service.api.users;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.datastore.SessionStore;
import dev.kolide.fleet.datastore.UserStore;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.domain.UserRole;
import dev.kolide.fleet.service.api.Access;
import dev.kolide.fleet.service.api.InvalidInputException;
import dev.kolide.fleet.service.api.Page;
import dev.kolide.fleet.service.api.PermissionDeniedException;
import dev.kolide.fleet.service.api.Problems;
import dev.kolide.fleet.service.api.StateConflictException;
import dev.kolide.fleet.service.api.Viewer;
import java.util.List;

/** {@link UserService} over the user and session stores. */
public final class DefaultUserService implements UserService {

    private final UserStore users;
    private final SessionStore sessions;
    private final UserAccounts accounts;

    public DefaultUserService(UserStore users, SessionStore sessions, UserAccounts accounts) {
        this.users = requireNonNull(users, "users is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
    }

    @Override
    public User me(Viewer viewer) {
        requireNonNull(viewer, "viewer is null");
        return viewer.user();
    }

    @Override
    public List<User> list(Viewer viewer, Page page) {
        Access.requireActive(viewer);
        requireNonNull(page, "page is null");
        return page.list(users::list);
    }

    @Override
    public User get(Viewer viewer, long userId) {
        Access.requireActive(viewer);
        return find(userId);
    }

    @Override
    public User create(Viewer viewer, NewUserInput input) {
        Access.requireAdmin(viewer);
        requireNonNull(input, "input is null");
        return accounts.create("", input, Boolean.TRUE.equals(input.admin()) ? UserRole.ADMIN : UserRole.OBSERVER);
    }

    @Override
    public User modify(Viewer viewer, long userId, UserChanges changes) {
        Access.requireAdminOrSelf(viewer, userId);
        requireNonNull(changes, "changes is null");
        if (changes.ssoEnabled() != null && !viewer.isAdmin()) {
            throw new PermissionDeniedException("only admins may change sso_enabled");
        }
        Problems problems = new Problems();
        UserAccounts.checkProfile(problems, "", changes.username(), changes.email(), false);
        problems.limitLength("name", changes.name(), UserAccounts.MAX_LENGTH)
                .limitLength("position", changes.position(), UserAccounts.MAX_LENGTH)
                .limitLength("gravatar_url", changes.gravatarUrl(), 1024);
        problems.throwIfAny();
        User user = find(userId);
        UserChanges stripped = new UserChanges(strip(changes.username()), changes.name(), strip(changes.email()),
                changes.position(), changes.gravatarUrl(), changes.ssoEnabled());
        return users.update(UserEdits.withProfile(user, stripped));
    }

    @Override
    public User setAdmin(Viewer viewer, long userId, boolean admin) {
        Access.requireAdmin(viewer);
        if (!admin && viewer.userId() == userId) {
            throw InvalidInputException.of("admin", "admins cannot remove their own admin role");
        }
        User user = find(userId);
        return users.update(UserEdits.withRole(user, admin ? UserRole.ADMIN : UserRole.OBSERVER));
    }

    @Override
    public User setEnabled(Viewer viewer, long userId, boolean enabled) {
        Access.requireAdmin(viewer);
        if (!enabled && viewer.userId() == userId) {
            throw InvalidInputException.of("enabled", "admins cannot disable themselves");
        }
        User updated = users.update(UserEdits.withEnabled(find(userId), enabled));
        if (!enabled) {
            sessions.deleteAllForUser(userId);
        }
        return updated;
    }

    @Override
    public User requirePasswordReset(Viewer viewer, long userId, boolean require) {
        Access.requireAdmin(viewer);
        User updated = users.update(UserEdits.withForcedReset(find(userId), require));
        if (require) {
            sessions.deleteAllForUser(userId);
        }
        return updated;
    }

    @Override
    public void changePassword(Viewer viewer, String oldPassword, String newPassword) {
        Access.requireActive(viewer);
        Problems problems = new Problems().requireText("old_password", oldPassword);
        UserAccounts.checkPassword(problems, "new_password", newPassword);
        problems.throwIfAny();
        User user = find(viewer.userId());
        if (!accounts.matches(oldPassword, user)) {
            throw InvalidInputException.of("old_password", "old password does not match");
        }
        if (oldPassword.equals(newPassword)) {
            throw InvalidInputException.of("new_password", "cannot reuse the old password");
        }
        users.update(UserEdits.withPassword(user, accounts.hash(newPassword), false));
    }

    @Override
    public User performRequiredPasswordReset(Viewer viewer, String newPassword) {
        requireNonNull(viewer, "viewer is null");
        User user = find(viewer.userId());
        if (!user.adminForcedPasswordReset()) {
            throw new StateConflictException("user " + user.username() + " has no password reset to perform");
        }
        Problems problems = new Problems();
        UserAccounts.checkPassword(problems, "new_password", newPassword);
        problems.throwIfAny();
        if (accounts.matches(newPassword, user)) {
            throw InvalidInputException.of("new_password", "cannot reuse the old password");
        }
        return users.update(UserEdits.withPassword(user, accounts.hash(newPassword), false));
    }

    private User find(long userId) {
        return users.find(userId).orElseThrow(() -> NotFoundException.of("user", userId));
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
