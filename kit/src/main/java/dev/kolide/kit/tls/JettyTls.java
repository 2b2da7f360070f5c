package dev.kolide.kit.tls;

import static java.util.Objects.requireNonNull;

import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's server-side TLS from our key material and profile. The only class here that needs Jetty, which is an
 * optional dependency of the kit.
 */
public final class JettyTls {

    private JettyTls() {}

    /**
     * A factory presenting {@code key} and accepting only {@code profile}'s protocols and suites, in its order.
     * Callers add what their connector needs (for HTTP/2, {@code setCipherComparator(HTTP2Cipher.COMPARATOR)}).
     *
     * <p>Note for connectors: Jetty's {@code SecureRequestCustomizer} (added by default to TLS connectors) answers
     * 400 "Invalid SNI" to a request for a host the certificate does not name. Go's servers, like fleet's original,
     * serve such requests, and an {@code --insecure} launcher dialling an address the certificate lacks needs
     * that: use {@code new SecureRequestCustomizer(false)} to match.
     */
    public static SslContextFactory.Server serverSslContextFactory(ServerKeyMaterial key, TlsProfile profile) {
        requireNonNull(key, "key is null");
        requireNonNull(profile, "profile is null");
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(key.sslContext());
        // Jetty reads these as regular expressions; suite and protocol names hold no special characters.
        factory.setIncludeProtocols(profile.protocols().toArray(String[]::new));
        factory.setIncludeCipherSuites(profile.cipherSuites().toArray(String[]::new));
        factory.setUseCipherSuitesOrder(true);
        return factory;
    }
}
