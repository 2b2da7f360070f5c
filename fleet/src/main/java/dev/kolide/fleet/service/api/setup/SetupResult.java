package dev.kolide.fleet.service.api.setup;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.domain.User;

/**
 * What setup made: the admin, the saved settings, the enroll secret named "default" that hosts enroll with,
 * and a token for the admin's first session.
 */
public record SetupResult(User admin, AppConfig config, String enrollSecret, String token) {

    public SetupResult {
        requireNonNull(admin, "admin is null");
        requireNonNull(config, "config is null");
        requireNonNull(enrollSecret, "enrollSecret is null");
        requireNonNull(token, "token is null");
    }

    /** Leaves out the enroll secret and the token. */
    @Override
    public String toString() {
        return "SetupResult[admin=" + admin + ", config=" + config + "]";
    }
}
