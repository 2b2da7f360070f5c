package dev.kolide.fleet.service.api;

import static java.util.Objects.requireNonNull;

/**
 * The two roles' rules, checked first thing in every service method that acts for a person: observers read (and
 * run live queries); only admins change things. A user whose password reset was forced by an admin may do
 * nothing but read themselves, log out and set a new password, as in Kolide Fleet.
 */
public final class Access {

    private Access() {}

    /** Any enabled user with no pending forced password reset. */
    public static void requireActive(Viewer viewer) {
        requireNonNull(viewer, "viewer is null");
        if (viewer.mustResetPassword()) {
            throw new PermissionDeniedException("a password reset is required: set a new password with"
                    + " POST /api/v1/kolide/perform_required_password_reset first");
        }
    }

    /** An active admin. */
    public static void requireAdmin(Viewer viewer) {
        requireActive(viewer);
        if (!viewer.isAdmin()) {
            throw new PermissionDeniedException("only admins may do this; user " + viewer.user().username()
                    + " is an observer");
        }
    }

    /** An active admin, or the user {@code userId} themselves. */
    public static void requireAdminOrSelf(Viewer viewer, long userId) {
        requireActive(viewer);
        if (!viewer.isAdmin() && viewer.userId() != userId) {
            throw new PermissionDeniedException("observers may only do this for themselves");
        }
    }
}
