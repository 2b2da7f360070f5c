package dev.kolide.fleet.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * {@code --dev}: run on one machine without MySQL, Redis or a certificate, keeping data under {@code dataDir}.
 * Never for production: the session signing key may be made up at start-up.
 */
public record DevConfig(boolean enabled, Path dataDir) {
    public DevConfig {
        requireNonNull(dataDir, "dataDir is null");
    }
}
