package dev.kolide.fleet.service.api.users;

/**
 * A user's profile edits ({@code PATCH users/{id}}); null leaves a field as it is. Only admins may change
 * {@code ssoEnabled}.
 */
public record UserChanges(
        String username, String name, String email, String position, String gravatarUrl, Boolean ssoEnabled) {
}
