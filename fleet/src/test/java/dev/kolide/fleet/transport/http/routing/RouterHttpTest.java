package dev.kolide.fleet.transport.http.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kolide.fleet.transport.http.TestHttpServer;
import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Routing over real HTTPS: parameters reach handlers, unknown paths and methods get JSON errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterHttpTest {

    private TestHttpServer server;

    record Echo(String template, Map<String, String> params, String page) {}

    @BeforeAll
    void start() {
        server = TestHttpServer.builder().routes(routes -> {
            RouteGroup api = routes.group("/api/v1/kolide", ErrorStyle.USER_API);
            api.get("/hosts/{id}", RouterHttpTest::echo);
            api.delete("/hosts/{id}", RouterHttpTest::echo);
            api.get("/hosts/{id}/number", request -> Map.of("id", request.pathParams().getId("id")));
            api.delete("/queries/{name}", RouterHttpTest::echo);
            api.post("/queries", request -> JsonReply.of(201, Map.of("created", true))
                    .withHeader("Location", "/api/v1/kolide/queries/1"));
            api.post("/sessions/{id}/end", request -> JsonReply.noContent());
            api.get("/whoami", request -> Map.of("address", request.clientAddress().getHostAddress(),
                    "user_agent", request.header("user-agent").orElse("")));
            RouteGroup osquery = routes.group("/api/v1/osquery", ErrorStyle.OSQUERY);
            osquery.post("/enroll", request -> Map.of("node_key", "k"));
        }).start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static Echo echo(RouteRequest request) {
        return new Echo(request.routeTemplate(), request.pathParams().asMap(), request.queryParam("page").orElse(null));
    }

    @Test
    void pathAndQueryParametersReachTheHandlerDecoded() {
        HttpResponse<String> response = server.get("/api/v1/kolide/hosts/42?page=3");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = server.json(response);
        assertThat(body.get("template").asText()).isEqualTo("/api/v1/kolide/hosts/{id}");
        assertThat(body.get("params").get("id").asText()).isEqualTo("42");
        assertThat(body.get("page").asText()).isEqualTo("3");
    }

    @Test
    void percentEncodedParametersAreDecoded() {
        HttpResponse<String> response = server.send(server.request("/api/v1/kolide/queries/my%20query%21").DELETE());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.json(response).get("params").get("name").asText()).isEqualTo("my query!");
    }

    @Test
    void anEncodedSlashIsRefusedByJettyWithAJsonError() {
        // Jetty refuses %2F in paths as ambiguous before routing; the answer is still fleet's JSON, not HTML.
        HttpResponse<String> response = server.send(server.request("/api/v1/kolide/queries/a%2Fb").DELETE());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.body()).isEqualTo("{\"message\":\"Ambiguous URI path separator\",\"errors\":"
                + "[{\"name\":\"base\",\"reason\":\"Ambiguous URI path separator\"}]}");
    }

    @Test
    void aNonNumericIdIsABadRequest() {
        HttpResponse<String> response = server.get("/api/v1/kolide/hosts/abc/number");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(server.json(response).get("message").asText())
                .isEqualTo("path parameter id must be an integer, got \"abc\"");
    }

    @Test
    void anUnknownPathIsA404InTheUserApiStyle() {
        HttpResponse<String> response = server.get("/api/v1/kolide/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Resource Not Found\",\"errors\":[{\"name\":\"base\","
                + "\"reason\":\"no such endpoint: /api/v1/kolide/nope\"}]}");
    }

    @Test
    void anUnknownPathUnderTheOsqueryPrefixIsA404InTheOsqueryStyle() {
        HttpResponse<String> response = server.postJson("/api/v1/osquery/nope", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"no such endpoint: /api/v1/osquery/nope\"}");
    }

    @Test
    void aPathOutsideEveryGroupGetsTheDefaultStyle() {
        HttpResponse<String> response = server.get("/api/v1/osqueryx");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(server.json(response).has("message")).isTrue();
    }

    @Test
    void aKnownPathWithTheWrongMethodIsA405WithAllow() {
        HttpResponse<String> response = server.send(server.request("/api/v1/kolide/hosts/1")
                .method("PUT", HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("DELETE, GET");
        assertThat(server.json(response).get("message").asText())
                .isEqualTo("PUT is not allowed on /api/v1/kolide/hosts/1; use DELETE, GET");
    }

    @Test
    void aWrongMethodOnAnOsqueryEndpointIsA405InTheOsqueryStyle() {
        HttpResponse<String> response = server.get("/api/v1/osquery/enroll");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(response.body()).isEqualTo("{\"error\":\"GET is not allowed on /api/v1/osquery/enroll; use POST\"}");
    }

    @Test
    void aReplySetsStatusAndHeaders() {
        HttpResponse<String> response = server.postJson("/api/v1/kolide/queries", "{}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/kolide/queries/1");
        assertThat(response.body()).isEqualTo("{\"created\":true}");
    }

    @Test
    void aNoContentReplyHasNoBody() {
        HttpResponse<String> response = server.postJson("/api/v1/kolide/sessions/1/end", "{}");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).isEmpty();
    }

    @Test
    void theClientAddressIsThePeerAndForwardedForIsIgnoredByDefault() {
        HttpResponse<String> response = server.send(server.request("/api/v1/kolide/whoami")
                .header("X-Forwarded-For", "198.51.100.1")
                .header("User-Agent", "osquery/5.12.1"));

        assertThat(server.json(response).get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(server.json(response).get("user_agent").asText()).isEqualTo("osquery/5.12.1");
    }

    @Test
    void everyResponseCarriesTheRequestId() {
        HttpResponse<String> mine = server.send(server.request("/api/v1/kolide/hosts/1").header("X-Request-Id",
                "test-id-1"));
        HttpResponse<String> fresh = server.get("/api/v1/kolide/nope");

        assertThat(mine.headers().firstValue("X-Request-Id")).hasValue("test-id-1");
        assertThat(fresh.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
    }
}
