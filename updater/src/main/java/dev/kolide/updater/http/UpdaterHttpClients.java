package dev.kolide.updater.http;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.kit.tls.HttpClientTls;
import dev.kolide.kit.tls.TlsProfile;
import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client the updater talks to Notary and the mirror with. */
public final class UpdaterHttpClients {
    private UpdaterHttpClients() {}

    /**
     * A client that verifies servers with {@code trust} (system roots, {@code --root_pem}, or {@code --insecure})
     * on TLS 1.2+, and follows redirects except from https to http: mirrors commonly redirect to a CDN.
     */
    public static HttpClient create(ClientTrust trust, Duration connectTimeout) {
        requireNonNull(trust, "trust is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL);
        return HttpClientTls.configure(builder, trust, TlsProfile.INTERMEDIATE).build();
    }
}
