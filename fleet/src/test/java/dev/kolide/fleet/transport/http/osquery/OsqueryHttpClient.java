package dev.kolide.fleet.transport.http.osquery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.transport.http.TestHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Talks to the test server as osquery's TLS transport does: HTTPS POSTs of JSON with osquery's headers, the node
 * key in the body and (as osquery 5 does) in {@code Authorization: NodeKey}, gzipped log bodies with
 * {@code --logger_tls_compress}.
 */
final class OsqueryHttpClient {
    static final String USER_AGENT = "osquery/5.12.1";

    private final TestHttpServer server;
    private final ObjectMapper json = new ObjectMapper();

    OsqueryHttpClient(TestHttpServer server) {
        this.server = server;
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    /** POSTs {@code body} as osquery does, with {@code Authorization: NodeKey} when the body has a node key. */
    HttpResponse<String> post(String path, JsonNode body) {
        HttpRequest.Builder request = base(path).POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body.hasNonNull("node_key")) {
            request.header("Authorization", "NodeKey " + body.get("node_key").asText());
        }
        return server.send(request);
    }

    /** POSTs raw bytes, for malformed bodies. */
    HttpResponse<String> postRaw(String path, byte[] body, String... headers) {
        HttpRequest.Builder request = base(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return server.send(request);
    }

    /** POSTs {@code body} gzipped, as {@code --logger_tls_compress} does for logs. */
    HttpResponse<String> postGzip(String path, JsonNode body) {
        return postRaw(path, gzip(body.toString().getBytes(StandardCharsets.UTF_8)), "Content-Encoding", "gzip");
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private HttpRequest.Builder base(String path) {
        return server.request(OsqueryRoutes.PREFIX + path)
                .header("User-Agent", USER_AGENT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }
}
