package dev.kolide.fleet.service.api.users;

/**
 * A user an admin creates ({@code POST users}); null means not given. {@code admin} null makes an observer.
 *
 * @param forcePasswordReset the user must choose a new password at first login
 */
public record NewUserInput(
        String username,
        String name,
        String email,
        String password,
        String position,
        String gravatarUrl,
        Boolean admin,
        Boolean ssoEnabled,
        Boolean forcePasswordReset) {

    /** Leaves out the password. */
    @Override
    public String toString() {
        return "NewUserInput[username=" + username + ", email=" + email + ", admin=" + admin + "]";
    }
}
