package dev.kolide.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against a real Jetty server on 127.0.0.1, with Jetty's own client. */
@Timeout(20)
class HealthHandlerTest {
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = new HttpClient();
    private Server server;

    @BeforeEach
    void startClient() throws Exception {
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void allChecksPassingGives200AndListsEveryCheck() throws Exception {
        URI base = serve(HealthChecks.builder().add("mysql", () -> {}).add("redis", () -> {}).build());

        ContentResponse response = client.GET(base.resolve("/healthz"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaders().get(HttpHeader.CONTENT_TYPE)).startsWith("application/json");
        assertThat(response.getHeaders().get(HttpHeader.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(json.readTree(response.getContentAsString())).isEqualTo(json.readTree("""
                {"healthy": true, "checks": [
                  {"name": "mysql", "healthy": true},
                  {"name": "redis", "healthy": true}]}
                """));
    }

    @Test
    void oneFailingCheckGives500WithItsMessage() throws Exception {
        URI base = serve(HealthChecks.builder()
                .add("mysql", () -> { throw new SQLException("pinging mysql at db:3306: connection refused"); })
                .add("redis", () -> {})
                .build());

        ContentResponse response = client.GET(base.resolve("/healthz"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(json.readTree(response.getContentAsString())).isEqualTo(json.readTree("""
                {"healthy": false, "checks": [
                  {"name": "mysql", "healthy": false, "error": "pinging mysql at db:3306: connection refused"},
                  {"name": "redis", "healthy": true}]}
                """));
    }

    @Test
    void aCheckThatThrowsGives500WithItsMessageAndNoStackTrace() throws Exception {
        URI base = serve(HealthChecks.builder()
                .add("pool", () -> {
                    throw new IllegalStateException("connection pool exhausted", new SQLException("socket closed"));
                })
                .add("bug", () -> { throw new RuntimeException(); })
                .build());

        ContentResponse response = client.GET(base.resolve("/healthz"));

        assertThat(response.getStatus()).isEqualTo(500);
        String body = response.getContentAsString();
        JsonNode checks = json.readTree(body).get("checks");
        assertThat(checks.get(0).get("error").asText()).isEqualTo("connection pool exhausted");
        assertThat(checks.get(1).get("error").asText()).isEqualTo("java.lang.RuntimeException");
        assertThat(body).doesNotContain("socket closed", "\tat ", ".java:", "HealthChecks");
    }

    @Test
    void aHungCheckGives500AfterTheTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        URI base = serve(HealthChecks.builder()
                .add("hung", release::await)
                .timeout(Duration.ofMillis(200))
                .build());
        try {
            ContentResponse response = client.GET(base.resolve("/healthz"));

            assertThat(response.getStatus()).isEqualTo(500);
            assertThat(json.readTree(response.getContentAsString()).get("checks").get(0).get("error").asText())
                    .isEqualTo("did not finish within 200 ms");
        } finally {
            release.countDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "HEAD"})
    void otherMethodsGive405AllowingGet(String method) throws Exception {
        URI base = serve(HealthChecks.builder().add("mysql", () -> {}).build());

        ContentResponse response = client.newRequest(base.resolve("/healthz")).method(method).send();

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeaders().get(HttpHeader.ALLOW)).isEqualTo("GET");
        assertThat(response.getContentAsString()).doesNotContain("\tat ", "Exception");
    }

    @Test
    void otherPathsAreLeftToTheRestOfTheServer() throws Exception {
        URI base = serve(HealthChecks.builder().add("mysql", () -> {}).build());

        ContentResponse response = client.GET(base.resolve("/healthz/extra"));

        assertThat(response.getStatus()).isEqualTo(404);
    }

    private URI serve(HealthChecks checks) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new HealthHandler(checks, json));
        server.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }
}
