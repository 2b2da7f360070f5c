package dev.kolide.fleet.service.api.users;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.auth.HashedPassword;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.domain.UserRole;

/** Copies of a {@link User} with one part changed, to pass to {@code UserStore.update}. */
public final class UserEdits {

    private UserEdits() {}

    public static User withPassword(User user, HashedPassword password, boolean forcedReset) {
        requireNonNull(password, "password is null");
        return new User(user.id(), user.username(), user.name(), user.email(), password.hash(), password.salt(),
                user.role(), user.enabled(), forcedReset, user.ssoEnabled(), user.position(), user.gravatarUrl(),
                user.createdAt(), user.updatedAt());
    }

    public static User withRole(User user, UserRole role) {
        requireNonNull(role, "role is null");
        return new User(user.id(), user.username(), user.name(), user.email(), user.passwordHash(),
                user.passwordSalt(), role, user.enabled(), user.adminForcedPasswordReset(), user.ssoEnabled(),
                user.position(), user.gravatarUrl(), user.createdAt(), user.updatedAt());
    }

    public static User withEnabled(User user, boolean enabled) {
        return new User(user.id(), user.username(), user.name(), user.email(), user.passwordHash(),
                user.passwordSalt(), user.role(), enabled, user.adminForcedPasswordReset(), user.ssoEnabled(),
                user.position(), user.gravatarUrl(), user.createdAt(), user.updatedAt());
    }

    public static User withForcedReset(User user, boolean forcedReset) {
        return new User(user.id(), user.username(), user.name(), user.email(), user.passwordHash(),
                user.passwordSalt(), user.role(), user.enabled(), forcedReset, user.ssoEnabled(), user.position(),
                user.gravatarUrl(), user.createdAt(), user.updatedAt());
    }

    /** The profile fields a user edits; null keeps the current value. */
    public static User withProfile(User user, UserChanges changes) {
        requireNonNull(changes, "changes is null");
        return new User(user.id(), or(changes.username(), user.username()), or(changes.name(), user.name()),
                or(changes.email(), user.email()), user.passwordHash(), user.passwordSalt(), user.role(),
                user.enabled(), user.adminForcedPasswordReset(),
                changes.ssoEnabled() == null ? user.ssoEnabled() : changes.ssoEnabled(),
                or(changes.position(), user.position()), or(changes.gravatarUrl(), user.gravatarUrl()),
                user.createdAt(), user.updatedAt());
    }

    private static String or(String value, String current) {
        return value == null ? current : value;
    }
}
