package dev.kolide.fleet.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The gRPC seam: which requests reach the gRPC handler and which the HTTP router. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class GrpcDispatchHandlerTest {

    /** Stands in for the gRPC servlet adapter: answers every request it gets with "grpc". */
    static final class FakeGrpc extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/grpc");
            Content.Sink.write(response, true, "grpc", callback);
            return true;
        }
    }

    private final FakeGrpc grpc = new FakeGrpc();
    private TestHttpServer server;

    @BeforeAll
    void start() {
        server = TestHttpServer.builder()
                .grpc(grpc)
                .routes(routes -> routes.group("/api/v1/kolide", ErrorStyle.USER_API)
                        .post("/ping", request -> Map.of("pong", true)))
                .start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theGrpcHandlerIsStartedWithTheServer() {
        assertThat(grpc.isStarted()).isTrue();
    }

    @Test
    void http2WithAGrpcContentTypeGoesToGrpc() {
        HttpResponse<String> plain = post(server.client(), "/kolide.agent.Api/RequestConfig", "application/grpc");
        HttpResponse<String> proto = post(server.client(), "/kolide.agent.Api/RequestConfig", "application/grpc+proto");

        assertThat(plain.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(plain.body()).isEqualTo("grpc");
        assertThat(proto.body()).isEqualTo("grpc");
        assertThat(plain.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void http2WithAnotherContentTypeGoesToTheRouter() {
        HttpResponse<String> response = post(server.client(), "/api/v1/kolide/ping", "application/json");

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).isEqualTo("{\"pong\":true}");
    }

    @Test
    void grpcContentOverHttp11GoesToTheRouter() {
        HttpResponse<String> response = post(server.http11Client(), "/kolide.agent.Api/RequestConfig",
                "application/grpc");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).startsWith("{\"message\":\"Resource Not Found\"");
    }

    @Test
    void grpcCallsAreNotCountedAsHttpRequests() {
        try (TestHttpServer fresh = TestHttpServer.builder().grpc(new FakeGrpc()).start()) {
            HttpResponse<String> response = fresh.send(fresh.request("/kolide.agent.Api/RequestQueries")
                    .header("Content-Type", "application/grpc")
                    .POST(HttpRequest.BodyPublishers.ofString("\0\0\0\0\0")));

            assertThat(response.body()).isEqualTo("grpc");
            // Only the in-flight gauge, which has no labels: no HTTP request series was created.
            assertThat(fresh.registry().scrape().stream()
                    .flatMap(snapshot -> snapshot.getDataPoints().stream())
                    .filter(point -> !point.getLabels().isEmpty()))
                    .isEmpty();
        }
    }

    private HttpResponse<String> post(HttpClient client, String path, String contentType) {
        return server.send(client, server.request(path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("\0\0\0\0\0")));
    }
}
