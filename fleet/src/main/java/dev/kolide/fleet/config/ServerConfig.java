package dev.kolide.fleet.config;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.tls.TlsProfile;
import java.nio.file.Path;

/**
 * {@code server.*}: the one listening port.
 *
 * @param cert PEM certificate chain; checked readable when {@code tls} is on, except with {@code --dev}, where a
 *     missing file is the program's cue to make a development certificate
 * @param urlPrefix empty, or a path such as {@code /fleet} (leading slash, no trailing slash) under which every
 *     route is served
 */
public record ServerConfig(HostPort address, Path cert, Path key, boolean tls, TlsProfile tlsCompatibility,
        String urlPrefix) {
    public ServerConfig {
        requireNonNull(address, "address is null");
        requireNonNull(cert, "cert is null");
        requireNonNull(key, "key is null");
        requireNonNull(tlsCompatibility, "tlsCompatibility is null");
        requireNonNull(urlPrefix, "urlPrefix is null");
    }
}
