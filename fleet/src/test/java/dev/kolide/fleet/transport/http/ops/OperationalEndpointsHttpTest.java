package dev.kolide.fleet.transport.http.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.transport.http.TestHttpServer;
import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import dev.kolide.kit.health.HealthChecks;
import dev.kolide.kit.version.BuildInfo;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class OperationalEndpointsHttpTest {

    private final AtomicBoolean redisUp = new AtomicBoolean(true);
    private final BuildInfo buildInfo =
            new BuildInfo("fleet", "3.2.0-7-gabc", "main", "abc123", "2026-11-27T02:19:05Z", "builder", "17.0.15");
    private TestHttpServer server;

    @BeforeAll
    void start() {
        HealthChecks checks = HealthChecks.builder()
                .add("mysql", () -> {})
                .add("redis", () -> {
                    if (!redisUp.get()) {
                        throw new IllegalStateException("dial tcp 127.0.0.1:6379: connection refused");
                    }
                })
                .timeout(Duration.ofSeconds(2))
                .build();
        server = TestHttpServer.builder().setup(setup -> OperationalEndpoints.register(
                setup.routes().group("", ErrorStyle.USER_API), checks, buildInfo, setup.registry(),
                setup.codec().objectMapper())).start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void redisIsUp() {
        redisUp.set(true);
    }

    @Test
    void healthzIs200WhenEveryCheckPasses() {
        HttpResponse<String> response = server.get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"healthy\":true,\"checks\":[{\"name\":\"mysql\",\"healthy\":true},"
                + "{\"name\":\"redis\",\"healthy\":true}]}");
    }

    @Test
    void healthzIs500WithTheReasonWhenACheckFails() {
        redisUp.set(false);

        HttpResponse<String> response = server.get("/healthz");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"healthy\":false,\"checks\":[{\"name\":\"mysql\",\"healthy\":true},"
                + "{\"name\":\"redis\",\"healthy\":false,\"error\":\"dial tcp 127.0.0.1:6379: connection refused\"}]}");
    }

    @Test
    void healthzRefusesOtherMethods() {
        HttpResponse<String> response = server.send(server.request("/healthz")
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void versionIsTheBuildInfoAsTheVersionCommandPrintsIt() {
        HttpResponse<String> response = server.get("/version");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"program\":\"fleet\",\"version\":\"3.2.0-7-gabc\",\"branch\":\"main\","
                + "\"revision\":\"abc123\",\"build_date\":\"2026-11-27T02:19:05Z\",\"build_user\":\"builder\","
                + "\"java_version\":\"17.0.15\"}");
    }

    @Test
    void metricsAreServed() {
        HttpResponse<String> response = server.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        // at least this request; an earlier test's request can still be counted for an instant after its client
        // got the response (the gauge drops when the server's handler returns)
        assertThat(response.body()).containsPattern("(?m)^fleet_http_requests_in_flight [1-9][0-9]*\\.0$");
    }
}
