package dev.kolide.osquery.lite.tls;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.kit.tls.HttpClientTls;
import dev.kolide.kit.tls.TlsProfile;
import dev.kolide.kit.tls.TlsSetupException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * osquery's TLS transport: one JSON POST to {@code https://<--tls_hostname><endpoint>}, the answer read as a JSON
 * object. As osquery: {@code "node_invalid": true} anywhere (fleet sends it with 401) is a
 * {@link TlsException#nodeInvalid()}; an {@code "error"} field or a non-2xx status is a failure.
 */
final class TlsClient {
    /** Answers are config documents and query lists; anything this large is not one. */
    static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    private final TlsOptions options;
    private final String userAgent;
    private final ObjectMapper json;
    private HttpClient http;

    TlsClient(TlsOptions options, String version, ObjectMapper json) {
        this.options = requireNonNull(options, "options is null");
        this.userAgent = "osquery/" + requireNonNull(version, "version is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** Posts {@code body} to {@code endpoint} within the default request timeout. */
    JsonNode post(String endpoint, ObjectNode body) throws TlsException, InterruptedException {
        return post(endpoint, body, options.requestTimeout());
    }

    /** Posts {@code body} to {@code endpoint}; the answer is a JSON object without node_invalid or error. */
    JsonNode post(String endpoint, ObjectNode body, Duration timeout) throws TlsException, InterruptedException {
        URI uri = uri(endpoint);
        byte[] request;
        try {
            request = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("encoding a request to " + uri, e);
        }
        HttpResponse<InputStream> response;
        try {
            response = client().send(HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("User-Agent", userAgent).POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new TlsException("POST " + uri + ": " + describe(e), e);
        }
        byte[] bytes = readLimited(response, uri);
        JsonNode tree = parse(bytes);
        if (tree != null && tree.path("node_invalid").asBoolean(false)) {
            throw TlsException.nodeInvalid("POST " + uri + ": the server says the node is invalid (HTTP "
                    + response.statusCode() + errorText(tree) + ")");
        }
        if (response.statusCode() / 100 != 2) {
            throw new TlsException("POST " + uri + ": HTTP " + response.statusCode() + errorText(tree));
        }
        if (tree == null || !tree.isObject()) {
            throw new TlsException("POST " + uri + ": the answer is not a JSON object");
        }
        if (tree.hasNonNull("error")) {
            throw new TlsException("POST " + uri + ": request failed" + errorText(tree));
        }
        return tree;
    }

    private URI uri(String endpoint) throws TlsException {
        if (options.hostname().isEmpty()) {
            throw new TlsException("no --tls_hostname: the tls plugins do not know their server");
        }
        if (endpoint.isEmpty()) {
            throw new TlsException("an endpoint flag (--*_tls_endpoint) is empty");
        }
        try {
            return URI.create("https://" + options.hostname() + (endpoint.startsWith("/") ? "" : "/") + endpoint);
        } catch (IllegalArgumentException e) {
            throw new TlsException("--tls_hostname " + options.hostname() + " and endpoint " + endpoint
                    + " do not make a URL: " + e.getMessage(), e);
        }
    }

    /** Made on first use, so a bad --tls_server_certs fails requests (logged), not the engine. */
    private synchronized HttpClient client() throws TlsException {
        if (http == null) {
            ClientTrust trust;
            try {
                trust = options.serverCerts().map(ClientTrust::rootsFromPem).orElseGet(ClientTrust::systemRoots);
            } catch (TlsSetupException | IllegalArgumentException e) {
                throw new TlsException("--tls_server_certs " + options.serverCerts().orElseThrow()
                        + " cannot be used: " + e.getMessage(), e);
            }
            http = HttpClientTls.configure(HttpClient.newBuilder(), trust, TlsProfile.MODERN)
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(options.requestTimeout()).build();
        }
        return http;
    }

    private byte[] readLimited(HttpResponse<InputStream> response, URI uri) throws TlsException {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new TlsException("POST " + uri + ": the answer is larger than " + MAX_RESPONSE_BYTES
                        + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new TlsException("POST " + uri + ": reading the answer: " + describe(e), e);
        }
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return bytes.length == 0 ? null : json.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private static String errorText(JsonNode tree) {
        if (tree == null || !tree.hasNonNull("error")) {
            return "";
        }
        String error = tree.get("error").asText();
        return ": " + (error.length() > 300 ? error.substring(0, 300) + "..." : error);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private String describe(IOException e) {
        if (causedBy(e, SSLException.class)) {
            return "TLS handshake failed (" + e.getMessage() + "); "
                    + options.serverCerts().map(p -> "is " + p + " (--tls_server_certs) the CA of the server's "
                            + "certificate?").orElse("the server's certificate is not trusted by the JDK's roots: "
                            + "give its CA with --tls_server_certs");
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + options.requestTimeout().toSeconds() + " s";
        }
        if (causedBy(e, ConnectException.class)) {
            return "cannot connect to " + options.hostname() + (e.getMessage() == null ? "" : " (" + e.getMessage()
                    + ")");
        }
        return e.toString();
    }
}
