package dev.kolide.launcher.client;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.tls.CertificatePins;
import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.kit.tls.TlsSetupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the launcher reaches its server, validated: launcher's {@code --hostname}, {@code --insecure},
 * {@code --insecure_transport}, {@code --root_pem} and {@code --cert_pins}, plus timeouts and a size limit.
 * Built with {@link #builder(String)}; {@link Builder#build()} throws an {@link IllegalArgumentException} whose
 * message names the flag and says what is wrong. Immutable; the root certificates are read once, when built.
 */
public final class ClientOptions {

    /** Per call, as launcher's JSON-RPC client; gRPC calls get the same deadline. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /**
     * TCP connect, JSON-RPC only (gRPC's connection attempt is bounded by the call's deadline). Go's gRPC dial
     * allowed 1 s; a little more costs nothing, since a failure only means the caller retries later.
     */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Largest reply read: a config or a query batch from fleet. gRPC's own default is 4 MiB, which launcher's
     * 2 MiB log batches were sized against; replies may be larger than the requests.
     */
    public static final int DEFAULT_MAX_REPLY_BYTES = 16 * 1024 * 1024;

    private final ServerAddress server;
    private final boolean insecureTransport;
    private final Optional<Path> rootPem;
    private final ClientTrust trust;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final int maxReplyBytes;

    private ClientOptions(Builder builder, ServerAddress server, ClientTrust trust) {
        this.server = server;
        this.insecureTransport = builder.insecureTransport;
        this.rootPem = Optional.ofNullable(builder.rootPem);
        this.trust = trust;
        this.requestTimeout = builder.requestTimeout;
        this.connectTimeout = builder.connectTimeout;
        this.maxReplyBytes = builder.maxReplyBytes;
    }

    /** Options for the server at {@code hostname} ({@code host:port}), otherwise the defaults. */
    public static Builder builder(String hostname) {
        return new Builder(hostname);
    }

    public ServerAddress server() {
        return server;
    }

    /** Plaintext: no TLS at all (launcher's --insecure_transport). */
    public boolean insecureTransport() {
        return insecureTransport;
    }

    /** Whether TLS verification is skipped (launcher's --insecure), for a warning at start-up. */
    public boolean insecure() {
        return trust.isInsecure();
    }

    public Optional<Path> rootPem() {
        return rootPem;
    }

    /** Whom TLS trusts: the system roots or those of root_pem, pins, or no one checked (insecure). */
    public ClientTrust trust() {
        return trust;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public int maxReplyBytes() {
        return maxReplyBytes;
    }

    @Override
    public String toString() {
        return server + (insecureTransport ? " (plaintext)" : " trusting " + trust);
    }

    /** Collects the flags; {@link #build()} validates them together. */
    public static final class Builder {
        private final String hostname;
        private boolean insecure;
        private boolean insecureTransport;
        private Path rootPem;
        private List<String> certPins = List.of();
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int maxReplyBytes = DEFAULT_MAX_REPLY_BYTES;

        private Builder(String hostname) {
            this.hostname = requireNonNull(hostname, "hostname is null");
        }

        /** Skip TLS verification: chain and host name (launcher's --insecure). */
        public Builder insecure(boolean value) {
            this.insecure = value;
            return this;
        }

        /** No TLS: plain HTTP/2 or HTTP (launcher's --insecure_transport). */
        public Builder insecureTransport(boolean value) {
            this.insecureTransport = value;
            return this;
        }

        /** Trust only the certificates in this PEM file instead of the system roots (launcher's --root_pem). */
        public Builder rootPem(Path value) {
            this.rootPem = value;
            return this;
        }

        /** Hex SHA-256 SPKI pins: a chain passes if any of its certificates matches one (--cert_pins). */
        public Builder certPins(List<String> value) {
            this.certPins = List.copyOf(requireNonNull(value, "certPins is null"));
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = requireNonNull(value, "requestTimeout is null");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = requireNonNull(value, "connectTimeout is null");
            return this;
        }

        public Builder maxReplyBytes(int value) {
            this.maxReplyBytes = value;
            return this;
        }

        /** Validated options; reads root_pem now, so a bad file fails here and not at the first call. */
        public ClientOptions build() {
            ServerAddress server = ServerAddress.parse(hostname);
            requirePositive(requestTimeout, "request timeout");
            requirePositive(connectTimeout, "connect timeout");
            if (maxReplyBytes <= 0) {
                throw new IllegalArgumentException("max reply size must be positive, got " + maxReplyBytes);
            }
            if (insecureTransport && (rootPem != null || !certPins.isEmpty())) {
                // Silently not pinning would be worse than refusing: the user asked for checks that cannot happen.
                throw new IllegalArgumentException("root_pem and cert_pins need TLS, but insecure_transport turns"
                        + " TLS off: drop one or the other");
            }
            return new ClientOptions(this, server, trust(pins()));
        }

        private CertificatePins pins() {
            try {
                return new CertificatePins(certPins);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cert_pins: " + e.getMessage(), e);
            }
        }

        private ClientTrust trust(CertificatePins pins) {
            if (insecure) {
                if (!pins.isEmpty()) {
                    throw new IllegalArgumentException("cert_pins cannot be combined with insecure: pinning needs"
                            + " a verified chain, and insecure verifies nothing");
                }
                return ClientTrust.insecureSkipVerification();
            }
            ClientTrust roots = rootPem == null ? ClientTrust.systemRoots() : rootsFrom(rootPem);
            return roots.withPins(pins);
        }

        private static ClientTrust rootsFrom(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("root_pem " + file + " does not exist or is not a file");
            }
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("root_pem " + file + " is not readable by this user");
            }
            try {
                return ClientTrust.rootsFromPem(file);
            } catch (TlsSetupException | IllegalArgumentException e) {
                throw new IllegalArgumentException("root_pem " + file + " holds no usable root certificate: "
                        + e.getMessage(), e);
            }
        }

        private static void requirePositive(Duration duration, String what) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + duration);
            }
        }
    }
}
