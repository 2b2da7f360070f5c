package dev.kolide.fleet.config;

import static java.util.Objects.requireNonNull;

/**
 * {@code auth.*}: how user passwords and session tokens are protected.
 *
 * @param jwtKey signs session tokens; with {@code --dev} and none given, a random one made at start-up (so
 *     sessions end when the process does)
 */
public record AuthConfig(Secret jwtKey, int bcryptCost, int saltKeySize) {
    public AuthConfig {
        requireNonNull(jwtKey, "jwtKey is null");
    }
}
