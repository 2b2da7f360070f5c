package dev.kolide.fleet.transport.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code GET/PATCH config}: Kolide's shape for the settings fleet has, changed field by field. */
class ConfigHttpTest extends ApiHttpTestBase {

    @Test
    void theConfigIsKolidesShape() {
        HttpResponse<String> response = get("/config", observerToken);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"org_info\":{\"org_name\":\"\",\"org_logo_url\":\"\"},"
                + "\"server_settings\":{\"kolide_server_url\":\"\",\"live_query_disabled\":false},"
                + "\"host_expiry_settings\":{\"host_expiry_enabled\":false,\"host_expiry_window\":0},"
                + "\"host_settings\":{\"additional_queries\":null}}");
    }

    @Test
    void aPatchChangesOnlyWhatItNames() {
        HttpResponse<String> first = patch("/config", adminToken, "{\"org_info\":{\"org_name\":\"Acme\"},"
                + "\"server_settings\":{\"kolide_server_url\":\"https://fleet.acme.example\"},"
                + "\"host_expiry_settings\":{\"host_expiry_enabled\":true,\"host_expiry_window\":30},"
                + "\"host_settings\":{\"additional_queries\":{\"time\":\"select * from time;\"}}}");
        HttpResponse<String> second = patch("/config", adminToken,
                "{\"server_settings\":{\"live_query_disabled\":true}}");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.body()).isEqualTo("{\"org_info\":{\"org_name\":\"Acme\",\"org_logo_url\":\"\"},"
                + "\"server_settings\":{\"kolide_server_url\":\"https://fleet.acme.example\","
                + "\"live_query_disabled\":true},"
                + "\"host_expiry_settings\":{\"host_expiry_enabled\":true,\"host_expiry_window\":30},"
                + "\"host_settings\":{\"additional_queries\":{\"time\":\"select * from time;\"}}}");

        HttpResponse<String> cleared = patch("/config", adminToken, "{\"host_settings\":{\"additional_queries\":null}}");
        assertThat(cleared.body()).contains("\"host_settings\":{\"additional_queries\":null}");
    }

    @Test
    void expiryWithoutAWindowAndABadUrlAreRefusedNamingTheFields() {
        HttpResponse<String> response = patch("/config", adminToken, "{\"server_settings\":"
                + "{\"kolide_server_url\":\"fleet.acme\"},\"host_expiry_settings\":{\"host_expiry_enabled\":true}}");
        HttpResponse<String> wrongType = patch("/config", adminToken,
                "{\"host_settings\":{\"additional_queries\":{\"time\":1}}}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("errors").findValuesAsText("name")).containsExactly(
                "server_settings.kolide_server_url", "host_expiry_settings.host_expiry_window");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(get("/config", adminToken).body()).contains("\"host_expiry_enabled\":false");
    }
}
