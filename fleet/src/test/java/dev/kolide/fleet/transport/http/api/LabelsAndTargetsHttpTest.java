package dev.kolide.fleet.transport.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.NewLabel;
import dev.kolide.fleet.service.api.ApiTestEnvironment;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels (Kolide's JSON with host counts), their hosts, and the target search of the query and pack pickers. */
class LabelsAndTargetsHttpTest extends ApiHttpTestBase {

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /**
     * web-01 online now, web-02 enrolled 5 minutes ago and silent since (offline), db-01 online; web-02 is
     * enrolled first, so it has the lowest id.
     */
    private List<Host> threeHosts() {
        env.clock().set(ApiTestEnvironment.T0.minus(Duration.ofMinutes(5)));
        Host offline = env.enrollHost("web-02", "ubuntu");
        env.clock().set(ApiTestEnvironment.T0);
        return List.of(env.enrollHost("web-01", "ubuntu"), offline, env.enrollHost("db-01", "centos"));
    }

    @Test
    void aLabelIsKolidesJsonWithItsHostsCountedByStatus() {
        List<Host> hosts = threeHosts();
        long id = ok(post("/labels", adminToken, "{\"name\":\"web\",\"description\":\"web servers\","
                + "\"label_membership_type\":\"manual\",\"host_ids\":[" + hosts.get(0).id() + ","
                + hosts.get(1).id() + "]}")).path("label").path("id").asLong();

        HttpResponse<String> response = get("/labels/" + id, observerToken);

        assertThat(response.body()).isEqualTo("{\"label\":{\"created_at\":\"2024-03-01T12:00:00Z\","
                + "\"updated_at\":\"2024-03-01T12:00:00Z\",\"id\":" + id + ",\"name\":\"web\","
                + "\"description\":\"web servers\",\"query\":\"\",\"platform\":\"\",\"label_type\":\"regular\","
                + "\"label_membership_type\":\"manual\",\"display_text\":\"web\",\"count\":2,\"online\":1,"
                + "\"offline\":1,\"missing_in_action\":0,\"host_ids\":[" + hosts.get(1).id() + ","
                + hosts.get(0).id() + "]}}");
        assertThat(ok(get("/labels/" + id + "/hosts?order_key=hostname", observerToken)).path("hosts")
                .findValuesAsText("hostname")).containsExactly("web-01", "web-02");
    }

    @Test
    void theBuiltInLabelsAreListedAndCannotBeDeleted() {
        JsonNode labels = ok(get("/labels", observerToken)).path("labels");
        long allHosts = labels.get(0).path("id").asLong();

        assertThat(labels.findValuesAsText("name"))
                .containsExactly("All Hosts", "macOS", "Ubuntu Linux", "CentOS Linux", "MS Windows");
        assertThat(labels.findValuesAsText("label_type")).containsOnly("builtin");
        HttpResponse<String> refused = delete("/labels/id/" + allHosts, adminToken);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).path("errors").get(0).path("reason").asText()).contains("built in");
        assertThat(patch("/labels/" + allHosts, adminToken, "{\"name\":\"Some Hosts\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void labelsAreRenamedAndDeletedByNameOrId() {
        long a = ok(post("/labels", adminToken, "{\"name\":\"a\",\"query\":\"select 1;\",\"platform\":\"darwin\"}"))
                .path("label").path("id").asLong();
        ok(post("/labels", adminToken, "{\"name\":\"b\",\"query\":\"select 1;\"}"));

        JsonNode renamed = ok(patch("/labels/" + a, adminToken, "{\"name\":\"a2\",\"description\":\"x\"}"))
                .path("label");
        assertThat(renamed.path("name").asText()).isEqualTo("a2");
        assertThat(renamed.path("query").asText()).isEqualTo("select 1;");
        assertThat(renamed.path("platform").asText()).isEqualTo("darwin");
        ok(delete("/labels/id/" + a, adminToken));
        ok(delete("/labels/b", adminToken));
        assertThat(delete("/labels/b", adminToken).statusCode()).isEqualTo(404);
        assertThat(ok(get("/labels", observerToken)).path("labels")).hasSize(5);
    }

    @Test
    void aDynamicLabelNeedsAQueryAndTakesNoHosts() {
        HttpResponse<String> response = post("/labels", adminToken, "{\"name\":\"x\",\"host_ids\":[1]}");
        HttpResponse<String> badType = post("/labels", adminToken,
                "{\"name\":\"x\",\"label_membership_type\":\"static\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("errors").findValuesAsText("name")).containsExactly("query", "host_ids");
        assertThat(json(badType).path("errors").get(0).path("name").asText()).isEqualTo("label_membership_type");
    }

    @Test
    void targetSearchFindsHostsAndLabelsButTheSelectedAndCountsTheSelection() {
        List<Host> hosts = threeHosts();
        Label web = env.datastore().labels().create(NewLabel.manual("web servers"));
        env.datastore().labels().setManualMembers(web.id(), List.of(hosts.get(0).id(), hosts.get(1).id()));

        JsonNode body = ok(post("/targets", observerToken, "{\"query\":\"WEB\",\"selected\":{\"hosts\":["
                + hosts.get(0).id() + "," + hosts.get(2).id() + "],\"labels\":[]}}"));

        assertThat(body.path("targets").path("hosts").findValuesAsText("hostname")).containsExactly("web-02");
        assertThat(body.path("targets").path("hosts").get(0).path("status").asText()).isEqualTo("offline");
        JsonNode label = body.path("targets").path("labels").get(0);
        assertThat(label.path("name").asText()).isEqualTo("web servers");
        assertThat(label.path("display_text").asText()).isEqualTo("web servers");
        assertThat(label.path("count").asLong()).isEqualTo(2);
        assertThat(label.path("online").asLong()).isEqualTo(1);
        assertThat(label.path("offline").asLong()).isEqualTo(1);
        assertThat(body.path("targets_count").asLong()).isEqualTo(2);
        assertThat(body.path("targets_online").asLong()).isEqualTo(2);
        assertThat(body.path("targets_offline").asLong()).isZero();
        assertThat(body.path("targets_missing_in_action").asLong()).isZero();
    }

    @Test
    void anEmptySearchListsEverythingUpToTenOfEach() {
        for (int i = 0; i < 12; i++) {
            env.enrollHost(String.format("host-%02d", i), "ubuntu");
        }

        JsonNode body = ok(post("/targets", observerToken, "{\"query\":\"\"}"));

        assertThat(body.path("targets").path("hosts")).hasSize(10);
        assertThat(body.path("targets").path("labels").findValuesAsText("name")).contains("All Hosts");
        assertThat(body.path("targets_count").asLong()).isZero();
    }
}
