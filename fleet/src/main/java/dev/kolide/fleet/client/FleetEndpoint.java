package dev.kolide.fleet.client;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.tls.ClientTrust;
import java.net.URI;
import java.time.Duration;

/**
 * Where fleet is and how to trust it: {@code address} ({@code https://fleet.example.com:8080}), an optional
 * {@code urlPrefix} put before every API path (fleet behind a path-routing proxy), and the TLS trust.
 */
public record FleetEndpoint(URI address, String urlPrefix, ClientTrust trust, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public FleetEndpoint {
        requireNonNull(address, "address is null");
        requireNonNull(trust, "trust is null");
        requireNonNull(timeout, "timeout is null");
        String scheme = address.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || address.getHost() == null) {
            throw new IllegalArgumentException("fleet address " + address
                    + " is not an https://host[:port] address");
        }
        urlPrefix = normalizePrefix(urlPrefix == null ? "" : urlPrefix);
    }

    public FleetEndpoint(URI address, String urlPrefix, ClientTrust trust) {
        this(address, urlPrefix, trust, DEFAULT_TIMEOUT);
    }

    /** The full address of {@code path} ({@code /api/v1/...}). */
    public URI resolve(String path) {
        requireNonNull(path, "path is null");
        String base = address.toString().replaceAll("/+$", "");
        return URI.create(base + urlPrefix + path);
    }

    /** The same address with {@code ws}/{@code wss} for the live-query results socket. */
    public URI resolveWebSocket(String path) {
        URI http = resolve(path);
        String scheme = http.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + http.toString().substring(http.getScheme().length()));
    }

    /** "" or "/prefix" without a trailing slash, whatever the user typed. */
    private static String normalizePrefix(String prefix) {
        String trimmed = prefix.strip().replaceAll("^/+", "").replaceAll("/+$", "");
        return trimmed.isEmpty() ? "" : "/" + trimmed;
    }
}
