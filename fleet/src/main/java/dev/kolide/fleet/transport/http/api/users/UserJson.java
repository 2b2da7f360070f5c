package dev.kolide.fleet.transport.http.api.users;

import dev.kolide.fleet.domain.User;
import java.time.Instant;

/** A user as Kolide Fleet shows one: the role is {@code admin} true (admin) or false (observer). */
public record UserJson(
        Instant createdAt,
        Instant updatedAt,
        long id,
        String username,
        String name,
        String email,
        boolean admin,
        boolean enabled,
        boolean forcePasswordReset,
        String gravatarUrl,
        String position,
        boolean ssoEnabled) {

    public static UserJson from(User user) {
        return new UserJson(user.createdAt(), user.updatedAt(), user.id(), user.username(), user.name(),
                user.email(), user.isAdmin(), user.enabled(), user.adminForcedPasswordReset(), user.gravatarUrl(),
                user.position(), user.ssoEnabled());
    }
}
