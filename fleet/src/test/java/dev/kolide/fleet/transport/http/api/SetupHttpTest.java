package dev.kolide.fleet.transport.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kolide.fleet.domain.EnrollSecret;
import dev.kolide.fleet.service.api.ApiTestEnvironment;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/setup}: the first admin, once. */
class SetupHttpTest extends ApiHttpTestBase {
    private static final String PW = ApiTestEnvironment.PASSWORD;
    private static final String SETUP = "/api/v1/setup";
    private static final String BODY = "{\"admin\":{\"username\":\"root\",\"name\":\"Root\",\"email\":\"root@example.com\","
            + "\"password\":\"" + PW + "\",\"admin\":true},\"org_info\":{\"org_name\":\"Acme\","
            + "\"org_logo_url\":\"https://acme.example/logo.png\"},\"kolide_server_url\":\"https://fleet.acme.example\","
            + "\"osquery_enroll_secret\":\"enroll-me\"}";

    @BeforeEach
    void noUsersYet() {
        env.sql().useHandle(h -> h.execute("DELETE FROM users"));
    }

    @Test
    void theFirstSetupCreatesTheAdminTheOrganizationAndTheEnrollSecretAndLogsIn() {
        HttpResponse<String> response = post(SETUP, null, BODY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("admin").path("username").asText()).isEqualTo("root");
        assertThat(body.path("admin").path("admin").asBoolean()).isTrue();
        assertThat(body.path("org_info").toString())
                .isEqualTo("{\"org_name\":\"Acme\",\"org_logo_url\":\"https://acme.example/logo.png\"}");
        assertThat(body.path("kolide_server_url").asText()).isEqualTo("https://fleet.acme.example");
        assertThat(body.path("osquery_enroll_secret").asText()).isEqualTo("enroll-me");
        assertThat(env.datastore().enrollSecrets().list()).containsExactly(new EnrollSecret("default", "enroll-me", true));
        HttpResponse<String> config = get("/config", body.path("token").asText());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(json(config).path("org_info").path("org_name").asText()).isEqualTo("Acme");
    }

    @Test
    void setupWithoutASecretMakesARandomOne() {
        HttpResponse<String> response = post(SETUP, null, "{\"admin\":{\"username\":\"root\","
                + "\"email\":\"root@example.com\",\"password\":\"" + PW + "\"}}");

        assertThat(response.statusCode()).isEqualTo(200);
        String secret = json(response).path("osquery_enroll_secret").asText();
        assertThat(secret).hasSize(32);
        assertThat(env.datastore().enrollSecrets().findActiveMatching(secret)).isPresent();
    }

    @Test
    void setupIsRefusedOnceAUserExists() {
        assertThat(post(SETUP, null, BODY).statusCode()).isEqualTo(200);

        HttpResponse<String> again = post(SETUP, null, BODY.replace("root", "intruder"));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("errors").get(0).path("reason").asText()).contains("setup has already been done");
        assertThat(env.datastore().users().count()).isEqualTo(1);
    }

    @Test
    void aWeakPasswordOrABadUrlIs422NamingTheFields() {
        HttpResponse<String> response = post(SETUP, null, "{\"admin\":{\"username\":\"root\","
                + "\"email\":\"root@example.com\",\"password\":\"short\"},\"kolide_server_url\":\"ftp://x\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = json(response);
        assertThat(body.path("message").asText()).isEqualTo("Validation Failed");
        assertThat(body.path("errors").findValuesAsText("name"))
                .containsExactlyInAnyOrder("kolide_server_url", "admin.password");
        assertThat(env.datastore().users().count()).isZero();
    }
}
