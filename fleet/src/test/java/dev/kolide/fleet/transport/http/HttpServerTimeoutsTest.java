package dev.kolide.fleet.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the I/O timeout cuts short, and what it leaves alone. */
@Timeout(60)
class HttpServerTimeoutsTest {

    private static TestHttpServer start() {
        return TestHttpServer.builder()
                .options(options -> options.withIoTimeout(Duration.ofMillis(500)))
                .routes(routes -> routes.group("/api/v1/osquery", ErrorStyle.OSQUERY)
                        .post("/echo", request -> Map.of("bytes", request.bodyBytes().length))
                        .post("/slow", request -> {
                            Thread.sleep(1500);
                            return Map.of("slept", true);
                        }))
                .start();
    }

    @Test
    void aClientThatStallsMidBodyIsAnsweredWithATimeout() throws Exception {
        try (TestHttpServer server = start();
                SSLSocket socket = (SSLSocket) server.certificates().clientTrust().sslContext().getSocketFactory()
                        .createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/osquery/echo HTTP/1.1\r\nHost: fleet\r\nContent-Length: 100\r\n\r\n0123456789")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();

            String answer = new String(socket.getInputStream().readNBytes(2000), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 408 ")
                    .contains("{\"error\":\"timed out waiting for the rest of the request body\"}");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aHandlerBusyLongerThanTheIoTimeoutIsNotCutShort() {
        try (TestHttpServer server = start()) {
            HttpResponse<String> response = server.postJson("/api/v1/osquery/slow", "{}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"slept\":true}");
        }
    }
}
