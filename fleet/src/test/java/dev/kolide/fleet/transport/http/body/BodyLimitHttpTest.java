package dev.kolide.fleet.transport.http.body;

import static dev.kolide.fleet.transport.http.routing.RouteOption.withBodyLimit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.transport.http.RawHttps;
import dev.kolide.fleet.transport.http.RawHttps.RawResponse;
import dev.kolide.fleet.transport.http.TestHttpServer;
import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import dev.kolide.fleet.transport.http.routing.RouteGroup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Body limits, by Content-Length and while streaming, and gzip bodies: over real HTTPS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodyLimitHttpTest {

    private static final int MIB = 1024 * 1024;

    private TestHttpServer server;

    record LogBatch(String nodeKey, List<String> data) {}

    @BeforeAll
    void start() {
        server = TestHttpServer.builder().routes(routes -> {
            RouteGroup osquery = routes.group("/api/v1/osquery", ErrorStyle.OSQUERY);
            osquery.post("/echo", request -> Map.of("bytes", request.bodyBytes().length));
            osquery.post("/small", request -> Map.of("bytes", request.bodyBytes().length),
                    withBodyLimit(BodyLimit.kibibytes(4)));
            osquery.post("/log", request -> request.body(LogBatch.class), withBodyLimit(BodyLimit.OSQUERY_LOG));
            routes.group("/api/v1/kolide", ErrorStyle.USER_API)
                    .post("/echo", request -> Map.of("bytes", request.bodyBytes().length));
        }).start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aContentLengthOverTheLimitIsRefusedBeforeAnyBodyIsSent() {
        // No body follows the headers: a server that waited to read it would never answer (and the read times out).
        RawResponse response = RawHttps.exchange(server, "POST /api/v1/osquery/echo HTTP/1.1\r\nHost: fleet\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1048577\r\nConnection: close", new byte[0]);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).isEqualTo(
                "{\"error\":\"the request body is 1048577 bytes; this endpoint accepts at most 1048576\"}");
    }

    @Test
    void aBodyOfExactlyTheDefaultLimitIsAccepted() {
        HttpResponse<String> response = post("/api/v1/osquery/echo", new byte[MIB]);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"bytes\":1048576}");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWhileStreaming() {
        RawResponse response = RawHttps.exchange(server, "POST /api/v1/osquery/small HTTP/1.1\r\nHost: fleet\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close", RawHttps.chunked(new byte[8192], 1000));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).isEqualTo(
                "{\"error\":\"the request body is larger than the 4096 bytes this endpoint accepts\"}");
    }

    @Test
    void aChunkedBodyOfExactlyTheLimitIsAccepted() {
        RawResponse response = RawHttps.exchange(server, "POST /api/v1/osquery/small HTTP/1.1\r\nHost: fleet\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close", RawHttps.chunked(new byte[4096], 1000));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"bytes\":4096}");
    }

    @Test
    void anHttp2BodyWithoutLengthOverTheLimitIsRefusedWhileStreaming() {
        HttpResponse<String> response = server.send(server.request("/api/v1/osquery/small")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[64 * 1024]))));

        assertThat(response.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aRouteWithAHigherLimitAcceptsWhatTheDefaultRefuses() throws IOException {
        byte[] batch = logBatch(2 * MIB);

        HttpResponse<String> log = post("/api/v1/osquery/log", batch);
        // The refusal needs only the length. (Sending the body as well races the server's early answer and
        // close, and the JDK 17 client hangs on Expect: 100-continue answered with a final status.)
        RawResponse echo = RawHttps.exchange(server, "POST /api/v1/osquery/echo HTTP/1.1\r\nHost: fleet\r\n"
                + "Content-Length: " + batch.length + "\r\nConnection: close", new byte[0]);

        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(server.json(log).get("data")).hasSize(2 * MIB / 1024);
        assertThat(echo.status()).isEqualTo(413);
    }

    @Test
    void theUserApiAnswersTooLargeInItsOwnStyle() {
        RawResponse response = RawHttps.exchange(server, "POST /api/v1/kolide/echo HTTP/1.1\r\nHost: fleet\r\n"
                + "Content-Length: 2000000\r\nConnection: close", new byte[0]);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"message\":\"the request body is 2000000 bytes; this endpoint"
                + " accepts at most 1048576\",\"errors\":[{\"name\":\"base\",\"reason\":\"the request body is 2000000"
                + " bytes; this endpoint accepts at most 1048576\"}]}");
    }

    @Test
    void aGzipBodyIsDecompressedBeforeDecoding() throws IOException {
        byte[] batch = logBatch(64 * 1024);

        HttpResponse<String> response = post("/api/v1/osquery/log", gzip(batch), "gzip");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.json(response).get("node_key").asText()).isEqualTo("key");
        assertThat(server.json(response).get("data")).hasSize(64);
    }

    @Test
    void aGzipBombIsRefusedAtTheLimitOfTheDecompressedSize() throws IOException {
        // 64 MiB of zeros shrink to about 64 KiB: small on the wire, far over the limit once inflated.
        byte[] bomb = gzip(new byte[64 * MIB]);
        assertThat(bomb.length).isLessThan(MIB);

        HttpResponse<String> response = post("/api/v1/osquery/echo", bomb, "gzip");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo(
                "{\"error\":\"the request body decompresses to more than the 1048576 bytes this endpoint accepts\"}");
    }

    @Test
    void aBodyThatIsNotGzipIsABadRequest() {
        HttpResponse<String> response = post("/api/v1/osquery/echo",
                "{\"not\":\"gzip\"}".getBytes(StandardCharsets.UTF_8), "gzip");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"the request body is not valid gzip: Not in GZIP format\"}");
    }

    @Test
    void aTruncatedGzipBodyIsABadRequest() throws IOException {
        byte[] whole = gzip(logBatch(64 * 1024));

        HttpResponse<String> response = post("/api/v1/osquery/echo", Arrays.copyOf(whole, whole.length / 2), "gzip");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"the request body is not valid gzip: Unexpected end of ZLIB input stream\"}");
    }

    @Test
    void anEncodingOtherThanGzipIsRefused() {
        HttpResponse<String> response = post("/api/v1/osquery/echo", new byte[10], "br");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"unsupported Content-Encoding \\\"br\\\"; send gzip or no encoding\"}");
    }

    @Test
    void malformedJsonIsABadRequestInBothStyles() {
        HttpResponse<String> osquery = server.postJson("/api/v1/osquery/log", "{\"node_key\": 5}");

        assertThat(osquery.statusCode()).isEqualTo(400);
        assertThat(osquery.body()).isEqualTo("{\"error\":\"field node_key must be a string; got 5\"}");
    }

    private HttpResponse<String> post(String path, byte[] body) {
        return server.send(server.request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpResponse<String> post(String path, byte[] body, String contentEncoding) {
        return server.send(server.request(path)
                .header("Content-Encoding", contentEncoding)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A log batch of about {@code size} bytes: lines of 1 KiB. */
    private static byte[] logBatch(int size) {
        StringBuilder json = new StringBuilder("{\"node_key\":\"key\",\"data\":[");
        String line = "\"" + "x".repeat(1024 - 3) + "\"";
        for (int i = 0; i < size / 1024; i++) {
            json.append(i == 0 ? "" : ",").append(line);
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(compressed)) {
            out.write(data);
        }
        return compressed.toByteArray();
    }
}
