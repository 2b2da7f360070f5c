package dev.kolide.fleet.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LiveQueryMessagesTest {
    private final ObjectMapper json = FleetJson.mapper();
    private final LiveQueryMessages messages = new LiveQueryMessages(json);

    @Test
    void authAndSelectCampaignAreKolidesJsonMessages() throws Exception {
        assertThat(json.readTree(messages.auth("tok"))).isEqualTo(
                json.readTree("{\"type\":\"auth\",\"data\":{\"token\":\"tok\"}}"));
        assertThat(json.readTree(messages.selectCampaign(42))).isEqualTo(
                json.readTree("{\"type\":\"select_campaign\",\"data\":{\"campaign_id\":42}}"));
    }

    @Test
    void aResultCarriesHostRowsAndNoErrorWhenTheErrorIsEmpty() {
        LiveQueryEvent event = messages.decode("""
                {"type":"result","data":{"distributed_query_execution_id":7,
                 "host":{"id":1,"hostname":"web-01"},"rows":[{"a":"1"}],"error":""}}""");

        assertThat(event).isInstanceOfSatisfying(LiveQueryEvent.Result.class, r -> {
            assertThat(r.hostname()).isEqualTo("web-01");
            assertThat(r.rows().get(0).path("a").asText()).isEqualTo("1");
            assertThat(r.error()).isNull();
        });
    }

    @Test
    void aFailedResultCarriesOsquerysError() {
        LiveQueryEvent event = messages.decode("""
                {"type":"result","data":{"host":{"hostname":"h"},"rows":[],"error":"no such table: nope"}}""");

        assertThat(event).isEqualTo(new LiveQueryEvent.Result(json.createObjectNode().put("hostname", "h"),
                json.createArrayNode(), "no such table: nope"));
    }

    @Test
    void totalsStatusAndErrorAreDecoded() {
        assertThat(messages.decode("""
                {"type":"totals","data":{"count":5,"online":3,"offline":1,"missing_in_action":1}}"""))
                .isEqualTo(new LiveQueryEvent.Totals(5, 3, 1, 1));
        assertThat(messages.decode("""
                {"type":"status","data":{"expected_results":3,"actual_results":2,"status":"pending"}}"""))
                .isEqualTo(new LiveQueryEvent.Status(3, 2, "pending"));
        assertThat(messages.decode("{\"type\":\"error\",\"data\":\"unauthorized\"}"))
                .isEqualTo(new LiveQueryEvent.Error("unauthorized"));
    }

    @Test
    void unknownTypesAndNonJsonDoNotThrow() {
        assertThat(messages.decode("{\"type\":\"ping\",\"data\":{}}")).isInstanceOf(LiveQueryEvent.Unknown.class);
        assertThat(messages.decode("not json")).isInstanceOf(LiveQueryEvent.Error.class);
    }
}
