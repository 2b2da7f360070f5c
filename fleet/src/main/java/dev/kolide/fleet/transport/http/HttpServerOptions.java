package dev.kolide.fleet.transport.http;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.tls.ServerKeyMaterial;
import dev.kolide.kit.tls.TlsProfile;
import java.time.Duration;

/**
 * How {@link FleetHttpServer} listens. Start from {@link #tls(ServerKeyMaterial)} (Kolide's default,
 * {@code server.tls=true}) or {@link #plaintext()} and change what differs:
 *
 * <pre>{@code
 * HttpServerOptions options = HttpServerOptions.tls(ServerKeyMaterial.fromPemFiles(cert, key))
 *         .withAddress(config.serverAddress())                  // "0.0.0.0:8080"
 *         .withTlsProfile(TlsProfile.parse(config.tlsCompatibility()));
 * }</pre>
 *
 * <p>Timeouts, after kolide/kit's httputil (read 25 s, write 40 s, read header 5 s, idle 5 min), as Jetty can
 * express them:
 *
 * <ul>
 *   <li>{@link #idleTimeout()} (5 min) is the connector's: a connection on which no bytes move for that long is
 *       closed. It bounds keep-alive connections (Go's IdleTimeout) and also a client that connects and never
 *       finishes its headers: Jetty has no header deadline like Go's 5 s ReadHeaderTimeout, but such a
 *       connection costs a socket, not a thread, since Jetty parses without blocking one.</li>
 *   <li>{@link #ioTimeout()} (25 s, Go's ReadTimeout) applies while a request is being served: the longest a read
 *       of its body or a write of its response may wait on the client; a client that stalls mid-body is answered
 *       408. A handler reading a body holds a thread, so this is what keeps slow clients from tying threads up.
 *       A handler busy without I/O (a slow query) is not cut short. Go's WriteTimeout (40 s for the whole
 *       handler and response) has no Jetty counterpart and is not mapped.</li>
 *   <li>{@link #stopTimeout()} (15 s) is how long a graceful stop waits for requests in flight.</li>
 * </ul>
 *
 * <p>Request headers are held to Jetty's default of 8 KiB (Go allows 1 MiB); larger ones are answered 431.
 *
 * @param host the interface to bind; empty for all interfaces (as Go's ":8080")
 * @param port the TCP port; 0 picks a free one (tests), see {@link FleetHttpServer#port()}
 * @param keyMaterial what TLS presents; null exactly when TLS is off
 * @param tlsProfile protocols and suites offered with TLS ({@code server.tls_compatibility})
 * @param cleartextHttp2 with TLS off, whether HTTP/2 with prior knowledge (h2c) is served next to HTTP/1.1, which
 *     launchers need for gRPC with {@code --insecure_transport}
 * @param maxThreads the most Jetty threads; handlers block on the datastore, so this caps concurrent requests
 */
public record HttpServerOptions(
        String host,
        int port,
        ServerKeyMaterial keyMaterial,
        TlsProfile tlsProfile,
        boolean cleartextHttp2,
        Duration idleTimeout,
        Duration ioTimeout,
        Duration stopTimeout,
        int maxThreads) {

    /** Kolide Fleet's {@code server.address}. */
    public static final String DEFAULT_ADDRESS = "0.0.0.0:8080";

    public HttpServerOptions {
        requireNonNull(host, "host is null");
        requireNonNull(tlsProfile, "tlsProfile is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(ioTimeout, "ioTimeout is null");
        requireNonNull(stopTimeout, "stopTimeout is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 0 to 65535");
        }
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("ioTimeout", ioTimeout);
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stopTimeout is negative: " + stopTimeout);
        }
        if (maxThreads < 8) {
            // Jetty reserves threads for accepting and selecting; fewer than 8 leaves none for requests.
            throw new IllegalArgumentException("maxThreads must be at least 8, got " + maxThreads);
        }
    }

    /** HTTPS presenting {@code keyMaterial}, the modern profile, on {@value #DEFAULT_ADDRESS}. */
    public static HttpServerOptions tls(ServerKeyMaterial keyMaterial) {
        requireNonNull(keyMaterial, "keyMaterial is null");
        return defaults(keyMaterial);
    }

    /** Plain HTTP ({@code server.tls=false}, for a TLS-terminating proxy in front), h2c on. */
    public static HttpServerOptions plaintext() {
        return defaults(null);
    }

    private static HttpServerOptions defaults(ServerKeyMaterial keyMaterial) {
        return new HttpServerOptions("0.0.0.0", 8080, keyMaterial, TlsProfile.MODERN, true,
                Duration.ofMinutes(5), Duration.ofSeconds(25), Duration.ofSeconds(15), 200);
    }

    public boolean tlsEnabled() {
        return keyMaterial != null;
    }

    /**
     * Binds {@code address}, as Kolide's {@code server.address} spells it: {@code host:port}, {@code :port} (all
     * interfaces) or {@code [ipv6]:port}.
     */
    public HttpServerOptions withAddress(String address) {
        requireNonNull(address, "address is null");
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address \"" + address + "\" is not host:port");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("address \"" + address + "\": put an IPv6 host in brackets, as"
                    + " [::1]:8080");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address \"" + address + "\" has no numeric port", e);
        }
        return new HttpServerOptions(host, port, keyMaterial, tlsProfile, cleartextHttp2, idleTimeout, ioTimeout,
                stopTimeout, maxThreads);
    }

    public HttpServerOptions withTlsProfile(TlsProfile profile) {
        return new HttpServerOptions(host, port, keyMaterial, profile, cleartextHttp2, idleTimeout, ioTimeout,
                stopTimeout, maxThreads);
    }

    public HttpServerOptions withCleartextHttp2(boolean enabled) {
        return new HttpServerOptions(host, port, keyMaterial, tlsProfile, enabled, idleTimeout, ioTimeout,
                stopTimeout, maxThreads);
    }

    public HttpServerOptions withIdleTimeout(Duration timeout) {
        return new HttpServerOptions(host, port, keyMaterial, tlsProfile, cleartextHttp2, timeout, ioTimeout,
                stopTimeout, maxThreads);
    }

    public HttpServerOptions withIoTimeout(Duration timeout) {
        return new HttpServerOptions(host, port, keyMaterial, tlsProfile, cleartextHttp2, idleTimeout, timeout,
                stopTimeout, maxThreads);
    }

    public HttpServerOptions withStopTimeout(Duration timeout) {
        return new HttpServerOptions(host, port, keyMaterial, tlsProfile, cleartextHttp2, idleTimeout, ioTimeout,
                timeout, maxThreads);
    }

    public HttpServerOptions withMaxThreads(int threads) {
        return new HttpServerOptions(host, port, keyMaterial, tlsProfile, cleartextHttp2, idleTimeout, ioTimeout,
                stopTimeout, threads);
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
