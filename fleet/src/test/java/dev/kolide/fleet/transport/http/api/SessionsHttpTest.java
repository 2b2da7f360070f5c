package dev.kolide.fleet.transport.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kolide.fleet.service.api.ApiTestEnvironment;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Login, the token it returns, logout and session revocation, over HTTPS. */
class SessionsHttpTest extends ApiHttpTestBase {

    private String login(String username, String password) {
        HttpResponse<String> response = post("/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("token").asText();
    }

    @Test
    void loginReturnsTheUserAndATokenThatAuthenticatesLaterRequests() {
        HttpResponse<String> response = post("/login", null,
                "{\"username\":\"observer\",\"password\":\"" + ApiTestEnvironment.PASSWORD + "\"}");

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
}
