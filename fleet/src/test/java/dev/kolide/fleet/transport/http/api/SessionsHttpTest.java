package dev.kolide.fleet.transport.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kolide.fleet.service.api.ApiTestEnvironment;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Login, the token it returns, logout and session revocation, over HTTPS. */
class SessionsHttpTest extends ApiHttpTestBase {
    private static final String PW = ApiTestEnvironment.PASSWORD;

    private String login(String username) {
        HttpResponse<String> response = post("/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + PW + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("token").asText();
    }

    @Test
    void loginReturnsTheUserAndATokenThatAuthenticatesLaterRequests() {
        HttpResponse<String> response = post("/login", null,
                "{\"username\":\"observer\",\"password\":\"" + PW + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("user").path("username").asText()).isEqualTo("observer");
        assertThat(body.path("user").path("admin").asBoolean()).isFalse();
        String token = body.path("token").asText();
        assertThat(token).startsWith("eyJ");
        HttpResponse<String> me = get("/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).path("user").path("id").asLong()).isEqualTo(observer.id());
    }

    @Test
    void aWrongPasswordIs401WithKolidesMessageAndNoToken() {
        HttpResponse<String> response = post("/login", null,
                "{\"username\":\"observer\",\"password\":\"wrong-Passw0rd!\"}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"username or email and password do not match\","
                + "\"errors\":[{\"name\":\"base\",\"reason\":\"username or email and password do not match\"}]}");
    }

    @Test
    void logoutMakesTheTokenUselessAtOnceAndLeavesOtherSessionsAlone() {
        String first = login("observer");
        String second = login("observer");

        assertThat(post("/logout", first, null).statusCode()).isEqualTo(200);

        HttpResponse<String> after = get("/me", first);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(json(after).path("message").asText()).contains("logged out or revoked");
        assertThat(get("/me", second).statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminRevokesAnotherUsersSessionById() {
        String token = login("observer");
        long sessionId = env.datastore().sessions().listForUser(observer.id()).stream()
                .mapToLong(s -> s.id()).max().orElseThrow();

        HttpResponse<String> info = get("/sessions/" + sessionId, adminToken);
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(json(info).path("session_id").asLong()).isEqualTo(sessionId);
        assertThat(json(info).path("user_id").asLong()).isEqualTo(observer.id());
        assertThat(info.body()).doesNotContain("key");

        assertThat(delete("/sessions/" + sessionId, adminToken).statusCode()).isEqualTo(200);
        assertThat(get("/me", token).statusCode()).isEqualTo(401);
        assertThat(get("/sessions/" + sessionId, adminToken).statusCode()).isEqualTo(404);
    }

    @Test
    void anObserverListsAndEndsTheirOwnSessions() {
        login("observer");

        HttpResponse<String> list = get("/users/" + observer.id() + "/sessions", observerToken);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).path("sessions")).hasSize(2);

        assertThat(delete("/users/" + observer.id() + "/sessions", observerToken).statusCode()).isEqualTo(200);
        assertThat(get("/me", observerToken).statusCode()).isEqualTo(401);
    }

    @Test
    void disablingAUserEndsTheirSessionsAndLogins() {
        String token = login("observer");

        HttpResponse<String> disabled = post("/users/" + observer.id() + "/enable", adminToken,
                "{\"enabled\":false}");

        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(json(disabled).path("user").path("enabled").asBoolean()).isFalse();
        assertThat(get("/me", token).statusCode()).isEqualTo(401);
        assertThat(get("/me", observerToken).statusCode()).isEqualTo(401);
        assertThat(post("/login", null, "{\"username\":\"observer\",\"password\":\"" + PW + "\"}").statusCode())
                .isEqualTo(401);
    }

    @Test
    void theTokenIsReadFromABearerHeaderOnly() {
        HttpResponse<String> basic = server.send(server.request(API + "/me")
                .header("Authorization", "Basic " + adminToken).GET());
        HttpResponse<String> lowerCase = server.send(server.request(API + "/me")
                .header("Authorization", "bearer " + adminToken).GET());

        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(json(basic).path("message").asText()).contains("no session token");
        assertThat(lowerCase.statusCode()).isEqualTo(200);
    }
}
