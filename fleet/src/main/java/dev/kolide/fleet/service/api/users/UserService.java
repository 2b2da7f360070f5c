package dev.kolide.fleet.service.api.users;

import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.service.api.Page;
import dev.kolide.fleet.service.api.Viewer;
import java.util.List;

/**
 * People's accounts. Observers read users and edit their own profile and password; admins create users, edit
 * anyone's profile, grant or remove admin, enable or disable, and force password resets. Disabling a user or
 * forcing their reset ends their sessions.
 */
public interface UserService {

    /** The viewer's own user, also while a password reset is pending. */
    User me(Viewer viewer);

    List<User> list(Viewer viewer, Page page);

    User get(Viewer viewer, long userId);

    /** Admins only: a new enabled user, admin or observer. */
    User create(Viewer viewer, NewUserInput input);

    /** Admins, or the user themselves (who may not change their SSO flag). */
    User modify(Viewer viewer, long userId, UserChanges changes);

    /** Admins only; an admin cannot remove their own admin role (someone must stay admin). */
    User setAdmin(Viewer viewer, long userId, boolean admin);

    /** Admins only; disabling ends the user's sessions. An admin cannot disable themselves. */
    User setEnabled(Viewer viewer, long userId, boolean enabled);

    /** Admins only; requiring a reset ends the user's sessions, so they must log in and choose a new password. */
    User requirePasswordReset(Viewer viewer, long userId, boolean require);

    /** The viewer's own password: the old one must match, the new one must follow the password rule. */
    void changePassword(Viewer viewer, String oldPassword, String newPassword);

    /** Sets the new password a forced reset asks for, and clears the requirement. */
    User performRequiredPasswordReset(Viewer viewer, String newPassword);
}
