package dev.kolide.kit.tls;

import static java.util.Objects.requireNonNull;

import java.net.http.HttpClient;

/** Sets up TLS on a {@code java.net.http.HttpClient}: whom to trust and which versions and suites to offer. */
public final class HttpClientTls {

    private HttpClientTls() {}

    /** Configures {@code builder} to verify servers with {@code trust} and speak only {@code profile}; returns it. */
    public static HttpClient.Builder configure(HttpClient.Builder builder, ClientTrust trust, TlsProfile profile) {
        requireNonNull(builder, "builder is null");
        requireNonNull(trust, "trust is null");
        requireNonNull(profile, "profile is null");
        return builder.sslContext(trust.sslContext()).sslParameters(profile.sslParameters());
    }
}
