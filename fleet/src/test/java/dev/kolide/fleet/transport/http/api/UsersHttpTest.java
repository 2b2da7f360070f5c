package dev.kolide.fleet.transport.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kolide.fleet.service.api.ApiTestEnvironment;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Users: Kolide's JSON, creation by admins, profile edits, roles, forced password resets, password changes. */
class UsersHttpTest extends ApiHttpTestBase {
    private static final String PW = ApiTestEnvironment.PASSWORD;
    private static final String NEW_PW = "An0ther-passw0rd!";

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private String login(String username, String password) {
        return ok(post("/login", null, "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .path("token").asText();
    }

    @Test
    void aUserIsKolidesJsonWithAdminForTheRoleAndNoPassword() {
        HttpResponse<String> response = post("/users", adminToken, "{\"username\":\"jane\",\"name\":\"Jane\","
                + "\"email\":\"jane@example.com\",\"password\":\"" + PW + "\",\"position\":\"SRE\","
                + "\"gravatar_url\":\"https://gravatar.example/jane\",\"admin\":true}");

        assertThat(response.statusCode()).isEqualTo(200);
        long id = json(response).path("user").path("id").asLong();
        assertThat(response.body()).isEqualTo("{\"user\":{\"created_at\":\"2024-03-01T12:00:00Z\","
                + "\"updated_at\":\"2024-03-01T12:00:00Z\",\"id\":" + id + ",\"username\":\"jane\","
                + "\"name\":\"Jane\",\"email\":\"jane@example.com\",\"admin\":true,\"enabled\":true,"
                + "\"force_password_reset\":false,\"gravatar_url\":\"https://gravatar.example/jane\","
                + "\"position\":\"SRE\",\"sso_enabled\":false}}");
        assertThat(get("/users", observerToken).body()).contains("\"username\":\"jane\"")
                .doesNotContain("\"password").doesNotContain("$2a$").doesNotContain("salt");
        assertThat(login("jane", PW)).isNotEmpty();
    }

    @Test
    void aNewUserNeedsAFreeUsernameAValidEmailAndAPasswordFollowingTheRule() {
        HttpResponse<String> weak = post("/users", adminToken, "{\"username\":\"jane\",\"email\":\"not-an-email\","
                + "\"password\":\"password\"}");
        HttpResponse<String> taken = post("/users", adminToken, "{\"username\":\"observer\","
                + "\"email\":\"x@example.com\",\"password\":\"" + PW + "\"}");

        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(json(weak).path("errors").findValuesAsText("name")).containsExactly("email", "password");
        assertThat(json(weak).path("errors").get(1).path("reason").asText())
                .isEqualTo("must be at least 7 characters long and contain a number and a symbol"
                        + " (this one has no number and has no symbol)");
        assertThat(taken.statusCode()).isEqualTo(409);
    }

    @Test
    void anObserverEditsTheirOwnProfileButNotTheirSsoFlagNorOthers() {
        JsonNode edited = ok(patch("/users/" + observer.id(), observerToken,
                "{\"name\":\"Obi\",\"position\":\"Analyst\"}")).path("user");
        HttpResponse<String> sso = patch("/users/" + observer.id(), observerToken, "{\"sso_enabled\":true}");
        HttpResponse<String> others = patch("/users/" + admin.id(), observerToken, "{\"name\":\"Mallory\"}");

        assertThat(edited.path("name").asText()).isEqualTo("Obi");
        assertThat(edited.path("position").asText()).isEqualTo("Analyst");
        assertThat(edited.path("email").asText()).isEqualTo("observer@example.com");
        assertThat(sso.statusCode()).isEqualTo(403);
        assertThat(others.statusCode()).isEqualTo(403);
    }

    @Test
    void adminsGrantAndRemoveTheAdminRoleButNotTheirOwn() {
        JsonNode promoted = ok(post("/users/" + observer.id() + "/admin", adminToken, "{\"admin\":true}"))
                .path("user");
        HttpResponse<String> self = post("/users/" + admin.id() + "/admin", adminToken, "{\"admin\":false}");

        assertThat(promoted.path("admin").asBoolean()).isTrue();
        assertThat(patch("/config", observerToken, "{\"org_info\":{\"org_name\":\"Acme\"}}").statusCode())
                .isEqualTo(200);
        assertThat(self.statusCode()).isEqualTo(422);
        assertThat(json(self).path("errors").get(0).path("name").asText()).isEqualTo("admin");
    }

    @Test
    void aForcedResetLocksTheUserOutOfEverythingButSettingANewPassword() {
        ok(post("/users/" + observer.id() + "/require_password_reset", adminToken, "{\"require\":true}"));
        assertThat(get("/me", observerToken).statusCode()).as("sessions end").isEqualTo(401);
        String token = login("observer", PW);

        HttpResponse<String> me = get("/me", token);
        HttpResponse<String> hosts = get("/hosts", token);
        HttpResponse<String> same = post("/perform_required_password_reset", token, "{\"new_password\":\"" + PW + "\"}");
        HttpResponse<String> reset = post("/perform_required_password_reset", token,
                "{\"new_password\":\"" + NEW_PW + "\"}");

        assertThat(json(me).path("user").path("force_password_reset").asBoolean()).isTrue();
        assertThat(hosts.statusCode()).isEqualTo(403);
        assertThat(json(hosts).path("errors").get(0).path("reason").asText()).contains("password reset is required");
        assertThat(same.statusCode()).isEqualTo(422);
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(json(reset).path("user").path("force_password_reset").asBoolean()).isFalse();
        assertThat(get("/hosts", token).statusCode()).isEqualTo(200);
        assertThat(login("observer", NEW_PW)).isNotEmpty();
    }

    @Test
    void changingAPasswordNeedsTheOldOneAndANewOneFollowingTheRule() {
        HttpResponse<String> wrongOld = post("/change_password", observerToken,
                "{\"old_password\":\"wrong-Passw0rd!\",\"new_password\":\"" + NEW_PW + "\"}");
        HttpResponse<String> weakNew = post("/change_password", observerToken,
                "{\"old_password\":\"" + PW + "\",\"new_password\":\"abc\"}");
        HttpResponse<String> changed = post("/change_password", observerToken,
                "{\"old_password\":\"" + PW + "\",\"new_password\":\"" + NEW_PW + "\"}");

        assertThat(wrongOld.statusCode()).isEqualTo(422);
        assertThat(wrongOld.body()).isEqualTo("{\"message\":\"Validation Failed\",\"errors\":"
                + "[{\"name\":\"old_password\",\"reason\":\"old password does not match\"}]}");
        assertThat(json(weakNew).path("errors").get(0).path("name").asText()).isEqualTo("new_password");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(post("/login", null, "{\"username\":\"observer\",\"password\":\"" + PW + "\"}").statusCode())
                .isEqualTo(401);
        assertThat(login("observer", NEW_PW)).isNotEmpty();
    }
}
