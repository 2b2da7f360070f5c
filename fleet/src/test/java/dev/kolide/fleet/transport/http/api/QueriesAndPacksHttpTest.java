package dev.kolide.fleet.transport.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.NewLabel;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Queries, packs and scheduled queries: Kolide's JSON and the changes admins make. */
class QueriesAndPacksHttpTest extends ApiHttpTestBase {

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private long createQuery(String name) {
        return ok(post("/queries", adminToken, "{\"name\":\"" + name + "\",\"description\":\"d\","
                + "\"query\":\"select * from osquery_info;\"}")).path("query").path("id").asLong();
    }

    @Test
    void aQueryIsKolidesJsonWithItsAuthorAndThePacksThatScheduleIt() {
        long id = createQuery("osquery_info");
        long pack = ok(post("/packs", adminToken, "{\"name\":\"monitoring\"}")).path("pack").path("id").asLong();
        ok(post("/schedule", adminToken, "{\"pack_id\":" + pack + ",\"query_id\":" + id + ",\"interval\":60}"));

        HttpResponse<String> response = get("/queries/" + id, observerToken);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"query\":{\"created_at\":\"2024-03-01T12:00:00Z\","
                + "\"updated_at\":\"2024-03-01T12:00:00Z\",\"id\":" + id + ",\"name\":\"osquery_info\","
                + "\"description\":\"d\",\"query\":\"select * from osquery_info;\",\"saved\":true,"
                + "\"author_id\":" + admin.id() + ",\"author_name\":\"Name of admin\",\"packs\":["
                + "{\"created_at\":\"2024-03-01T12:00:00Z\",\"updated_at\":\"2024-03-01T12:00:00Z\",\"id\":" + pack
                + ",\"name\":\"monitoring\",\"description\":\"\",\"platform\":\"\",\"disabled\":false}]}}");
    }

    @Test
    void queriesAreChangedRenamedAndDeletedByNameIdOrInBulk() {
        long a = createQuery("a");
        long b = createQuery("b");
        long c = createQuery("c");
        long d = createQuery("d");

        JsonNode renamed = ok(patch("/queries/" + a, adminToken, "{\"name\":\"a2\"}")).path("query");
        assertThat(renamed.path("name").asText()).isEqualTo("a2");
        assertThat(renamed.path("description").asText()).isEqualTo("d");
        assertThat(ok(delete("/queries/a2", adminToken)).toString()).isEqualTo("{}");
        ok(delete("/queries/id/" + b, adminToken));
        assertThat(ok(post("/queries/delete", adminToken, "{\"ids\":[" + c + "," + d + ",999999]}")).toString())
                .isEqualTo("{\"deleted\":2}");

        assertThat(ok(get("/queries", observerToken)).path("queries")).isEmpty();
        assertThat(get("/queries/" + a, observerToken).statusCode()).isEqualTo(404);
    }

    @Test
    void aQueryNeedsANameAndSqlAndAFreeName() {
        HttpResponse<String> empty = post("/queries", adminToken, "{\"description\":\"x\"}");
        createQuery("taken");
        HttpResponse<String> taken = post("/queries", adminToken, "{\"name\":\"taken\",\"query\":\"select 1;\"}");

        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).isEqualTo("{\"message\":\"Validation Failed\",\"errors\":["
                + "{\"name\":\"name\",\"reason\":\"cannot be empty\"},{\"name\":\"query\",\"reason\":\"cannot be empty\"}]}");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(json(taken).path("message").asText()).isEqualTo("Resource Already Exists");
        assertThat(json(taken).path("errors").get(0).path("reason").asText()).contains("\"taken\" already exists");
    }

    @Test
    void aPackIsKolidesJsonWithQueryCountHostsReachedAndTargets() {
        Host web = env.enrollHost("web-01", "ubuntu");
        Host db = env.enrollHost("db-01", "ubuntu");
        env.enrollHost("other-01", "ubuntu");
        Label label = env.datastore().labels().create(NewLabel.manual("web"));
        env.datastore().labels().setManualMembers(label.id(), List.of(web.id()));
        long query = createQuery("q");

        JsonNode created = ok(post("/packs", adminToken, "{\"name\":\"p\",\"description\":\"about p\","
                + "\"platform\":\"linux\",\"host_ids\":[" + db.id() + "],\"label_ids\":[" + label.id() + "]}"));
        long id = created.path("pack").path("id").asLong();
        ok(post("/schedule", adminToken, "{\"pack_id\":" + id + ",\"query_id\":" + query + ",\"interval\":60}"));
        HttpResponse<String> response = get("/packs/" + id, observerToken);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"pack\":{\"created_at\":\"2024-03-01T12:00:00Z\","
                + "\"updated_at\":\"2024-03-01T12:00:00Z\",\"id\":" + id + ",\"name\":\"p\","
                + "\"description\":\"about p\",\"platform\":\"linux\",\"disabled\":false,\"query_count\":1,"
                + "\"total_hosts_count\":2,\"host_ids\":[" + db.id() + "],\"label_ids\":[" + label.id() + "]}}");
    }

    @Test
    void packTargetsMustExistAndAreReplacedByPatch() {
        Host web = env.enrollHost("web-01", "ubuntu");
        long id = ok(post("/packs", adminToken, "{\"name\":\"p\",\"host_ids\":[" + web.id() + "]}"))
                .path("pack").path("id").asLong();

        HttpResponse<String> unknown = patch("/packs/" + id, adminToken, "{\"label_ids\":[987654]}");
        JsonNode patched = ok(patch("/packs/" + id, adminToken, "{\"disabled\":true,\"host_ids\":[]}")).path("pack");

        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(json(unknown).path("errors").get(0).path("name").asText()).isEqualTo("label_ids");
        assertThat(patched.path("disabled").asBoolean()).isTrue();
        assertThat(patched.path("host_ids")).isEmpty();
        assertThat(ok(delete("/packs/p", adminToken)).toString()).isEqualTo("{}");
        assertThat(get("/packs/" + id, adminToken).statusCode()).isEqualTo(404);
    }

    @Test
    void aScheduledQueryIsKolidesJsonAndRepeatsOfAQueryInAPackAreNumbered() {
        long query = createQuery("osquery_events");
        long pack = ok(post("/packs", adminToken, "{\"name\":\"p\"}")).path("pack").path("id").asLong();

        long first = ok(post("/schedule", adminToken, "{\"pack_id\":" + pack + ",\"query_id\":" + query
                + ",\"interval\":120,\"removed\":true,\"snapshot\":false,\"platform\":\"windows\","
                + "\"version\":\"4.5.0\",\"shard\":10}")).path("scheduled").path("id").asLong();
        JsonNode second = ok(post("/schedule", adminToken, "{\"pack_id\":" + pack + ",\"query_id\":" + query
                + ",\"interval\":60}")).path("scheduled");
        HttpResponse<String> response = get("/schedule/" + first, observerToken);

        assertThat(response.body()).isEqualTo("{\"scheduled\":{\"created_at\":\"2024-03-01T12:00:00Z\","
                + "\"updated_at\":\"2024-03-01T12:00:00Z\",\"id\":" + first + ",\"pack_id\":" + pack + ","
                + "\"name\":\"osquery_events\",\"query_id\":" + query + ",\"query_name\":\"osquery_events\","
                + "\"query\":\"select * from osquery_info;\",\"interval\":120,\"snapshot\":false,\"removed\":true,"
                + "\"platform\":\"windows\",\"version\":\"4.5.0\",\"shard\":10}}");
        assertThat(second.toString()).contains("\"name\":\"osquery_events-1\"").contains("\"shard\":null")
                .doesNotContain("platform").doesNotContain("version");
        assertThat(ok(get("/packs/" + pack + "/scheduled", observerToken)).path("scheduled")
                .findValuesAsText("name")).containsExactly("osquery_events", "osquery_events-1");

        JsonNode changed = ok(patch("/schedule/" + first, adminToken, "{\"interval\":300,\"platform\":\"\"}"))
                .path("scheduled");
        assertThat(changed.path("interval").asInt()).isEqualTo(300);
        assertThat(changed.path("platform").asText()).isEmpty();
        assertThat(changed.path("shard").asInt()).isEqualTo(10);
        ok(delete("/schedule/" + first, adminToken));
        assertThat(get("/schedule/" + first, adminToken).statusCode()).isEqualTo(404);
    }

    @Test
    void schedulingNeedsAPackASavedQueryAndASaneInterval() {
        long query = createQuery("q");
        long pack = ok(post("/packs", adminToken, "{\"name\":\"p\"}")).path("pack").path("id").asLong();

        HttpResponse<String> missing = post("/schedule", adminToken, "{\"interval\":0,\"shard\":101}");
        HttpResponse<String> unknownPack = post("/schedule", adminToken,
                "{\"pack_id\":999999,\"query_id\":" + query + ",\"interval\":60}");
        HttpResponse<String> unknownQuery = post("/schedule", adminToken,
                "{\"pack_id\":" + pack + ",\"query_id\":999999,\"interval\":60}");

        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(json(missing).path("errors").findValuesAsText("name"))
                .containsExactly("pack_id", "query_id", "interval", "shard");
        assertThat(json(unknownPack).path("errors").get(0).path("name").asText()).isEqualTo("pack_id");
        assertThat(json(unknownQuery).path("errors").get(0).path("name").asText()).isEqualTo("query_id");
    }
}
