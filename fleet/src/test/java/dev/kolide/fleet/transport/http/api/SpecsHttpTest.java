package dev.kolide.fleet.transport.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.domain.EnrollSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * fleetctl's specs as JSON: what {@code POST spec/...} applies, {@code GET spec/...} gives back, for queries,
 * packs, labels, enroll secrets and osquery options; and what is refused, naming the field.
 */
class SpecsHttpTest extends ApiHttpTestBase {
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** A spec list with each spec's id (output only) removed. */
    private JsonNode withoutIds(JsonNode specs) {
        JsonNode copy = specs.deepCopy();
        if (copy.isArray()) {
            copy.forEach(spec -> ((ObjectNode) spec).remove("id"));
        } else {
            ((ObjectNode) copy).remove("id");
        }
        return copy;
    }

    @Test
    void querySpecsApplyByNameAndComeBackAsApplied() {
        String specs = "[{\"name\":\"processes\",\"description\":\"all\",\"query\":\"select * from processes;\"},"
                + "{\"name\":\"users\",\"description\":\"\",\"query\":\"select * from users;\"}]";
        ok(post("/spec/queries", adminToken, "{\"specs\":" + specs + "}"));
        long id = env.datastore().queries().findByName("processes").orElseThrow().id();

        assertThat(ok(get("/spec/queries", observerToken)).path("specs")).isEqualTo(tree(specs));
        assertThat(ok(get("/spec/queries/users", observerToken)).path("specs"))
                .isEqualTo(tree(specs).get(1));

        ok(post("/spec/queries", adminToken, "{\"specs\":[{\"name\":\"processes\",\"description\":\"changed\","
                + "\"query\":\"select pid from processes;\"}]}"));
        assertThat(env.datastore().queries().findByName("processes").orElseThrow().id()).isEqualTo(id);
        assertThat(ok(get("/spec/queries/processes", observerToken)).path("specs").path("description").asText())
                .isEqualTo("changed");
        assertThat(get("/spec/queries/nope", observerToken).statusCode()).isEqualTo(404);
    }

    @Test
    void aQuerySpecWithoutSqlOrTwiceInOneRequestIsRefusedAndNothingIsApplied() {
        HttpResponse<String> response = post("/spec/queries", adminToken, "{\"specs\":[{\"name\":\"a\","
                + "\"query\":\"select 1;\"},{\"name\":\"b\"},{\"name\":\"a\",\"query\":\"select 2;\"}]}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("errors").findValuesAsText("name"))
                .containsExactly("specs[1].query", "specs[2].name");
        assertThat(env.datastore().queries().findByName("a")).isEmpty();
    }

    @Test
    void packSpecsApplyTargetsAndScheduleAndComeBackAsApplied() {
        ok(post("/spec/queries", adminToken, "{\"specs\":[{\"name\":\"q1\",\"query\":\"select 1;\"},"
                + "{\"name\":\"q2\",\"query\":\"select 2;\"}]}"));
        ok(post("/spec/labels", adminToken, "{\"specs\":[{\"name\":\"web\",\"query\":\"select 1;\"}]}"));
        String spec = "{\"name\":\"monitoring\",\"description\":\"what runs\",\"platform\":\"linux\","
                + "\"disabled\":false,\"targets\":{\"labels\":[\"All Hosts\",\"web\"]},\"queries\":["
                + "{\"query\":\"q1\",\"name\":\"q1\",\"interval\":60,\"snapshot\":true},"
                + "{\"query\":\"q1\",\"name\":\"q1-again\",\"description\":\"twice\",\"interval\":120,"
                + "\"removed\":false,\"shard\":50,\"platform\":\"linux\",\"version\":\"4.5.0\"},"
                + "{\"query\":\"q2\",\"name\":\"q2\",\"interval\":3600}]}";

        ok(post("/spec/packs", adminToken, "{\"specs\":[" + spec + "]}"));

        JsonNode one = ok(get("/spec/packs/monitoring", observerToken)).path("specs");
        assertThat(one.path("id").asLong()).isEqualTo(env.datastore().packs().findByName("monitoring")
                .orElseThrow().id());
        assertThat(withoutIds(one)).isEqualTo(tree(spec));
        assertThat(withoutIds(ok(get("/spec/packs", observerToken)).path("specs"))).isEqualTo(tree("[" + spec + "]"));

        // Applying again replaces the schedule and targets.
        ok(post("/spec/packs", adminToken, "{\"specs\":[{\"name\":\"monitoring\",\"disabled\":true,"
                + "\"queries\":[{\"query\":\"q2\",\"interval\":60}]}]}"));
        assertThat(withoutIds(ok(get("/spec/packs/monitoring", observerToken)).path("specs")))
                .isEqualTo(tree("{\"name\":\"monitoring\",\"disabled\":true,\"targets\":{\"labels\":[]},"
                        + "\"queries\":[{\"query\":\"q2\",\"name\":\"q2\",\"interval\":60}]}"));
    }

    @Test
    void aPackSpecNamingAnUnknownLabelOrQueryIsRefusedNamingTheField() {
        HttpResponse<String> response = post("/spec/packs", adminToken, "{\"specs\":[{\"name\":\"p\","
                + "\"targets\":{\"labels\":[\"All Hosts\",\"nowhere\"]},\"queries\":[{\"query\":\"missing\","
                + "\"interval\":60},{\"query\":\"missing\",\"name\":\"x\"}]}]}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("errors").findValuesAsText("name")).containsExactly(
                "specs[0].targets.labels[1]", "specs[0].queries[0].query", "specs[0].queries[1].query",
                "specs[0].queries[1].interval");
        assertThat(env.datastore().packs().findByName("p")).isEmpty();
    }

    @Test
    void labelSpecsApplyDynamicAndManualLabelsAndTheBuiltInsRoundTrip() {
        env.enrollHost("web-01", "ubuntu");
        env.enrollHost("web-02", "ubuntu");
        String dynamic = "{\"name\":\"darwin\",\"description\":\"macs\",\"query\":\"select 1;\","
                + "\"platform\":\"darwin\",\"label_type\":\"regular\",\"label_membership_type\":\"dynamic\"}";
        String manual = "{\"name\":\"web\",\"description\":\"\",\"query\":\"\",\"label_type\":\"regular\","
                + "\"label_membership_type\":\"manual\",\"hosts\":[\"web-01\",\"web-02\"]}";

        ok(post("/spec/labels", adminToken, "{\"specs\":[" + dynamic + "," + manual + "]}"));

        assertThat(withoutIds(ok(get("/spec/labels/darwin", observerToken)).path("specs"))).isEqualTo(tree(dynamic));
        assertThat(withoutIds(ok(get("/spec/labels/web", observerToken)).path("specs"))).isEqualTo(tree(manual));
        ArrayNode all = (ArrayNode) ok(get("/spec/labels", observerToken)).path("specs");
        assertThat(all).hasSize(7);
        assertThat(all.get(0).path("label_type").asText()).isEqualTo("builtin");

        // Everything fleetctl printed applies again unchanged, built-ins included.
        ok(post("/spec/labels", adminToken, "{\"specs\":" + all + "}"));
        assertThat(ok(get("/spec/labels", observerToken)).path("specs")).isEqualTo(all);

        HttpResponse<String> builtinChanged = post("/spec/labels", adminToken,
                "{\"specs\":[{\"name\":\"All Hosts\",\"query\":\"select 0;\"}]}");
        HttpResponse<String> unknownHost = post("/spec/labels", adminToken, "{\"specs\":[{\"name\":\"m\","
                + "\"label_membership_type\":\"manual\",\"hosts\":[\"web-01\",\"nowhere\"]}]}");
        assertThat(builtinChanged.statusCode()).isEqualTo(409);
        assertThat(unknownHost.statusCode()).isEqualTo(422);
        assertThat(json(unknownHost).path("errors").get(0).path("name").asText()).isEqualTo("specs[0].hosts[1]");
    }

    @Test
    void enrollSecretsApplyByNameAndAreOnlyDeactivated() {
        ok(post("/spec/enroll_secret", adminToken, "{\"spec\":{\"secrets\":[{\"name\":\"default\","
                + "\"secret\":\"first-secret\",\"active\":true},{\"name\":\"old\",\"secret\":\"old-secret\"}]}}"));
        ok(post("/spec/enroll_secret", adminToken, "{\"spec\":{\"secrets\":[{\"name\":\"old\","
                + "\"secret\":\"old-secret\",\"active\":false}]}}"));

        assertThat(ok(get("/spec/enroll_secret", adminToken))).isEqualTo(tree("{\"specs\":{\"secrets\":["
                + "{\"name\":\"default\",\"secret\":\"first-secret\",\"active\":true},"
                + "{\"name\":\"old\",\"secret\":\"old-secret\",\"active\":false}]}}"));
        assertThat(env.datastore().enrollSecrets().active())
                .containsExactly(new EnrollSecret("default", "first-secret", true));

        HttpResponse<String> reused = post("/spec/enroll_secret", adminToken, "{\"spec\":{\"secrets\":["
                + "{\"name\":\"new\",\"secret\":\"first-secret\"}]}}");
        HttpResponse<String> empty = post("/spec/enroll_secret", adminToken, "{\"spec\":{\"secrets\":["
                + "{\"name\":\"\",\"secret\":\"\"}]}}");
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.body()).doesNotContain("first-secret");
        assertThat(json(empty).path("errors").findValuesAsText("name"))
                .containsExactly("spec.secrets[0].name", "spec.secrets[0].secret");
    }

    @Test
    void osqueryOptionsReplaceTheWholeSpecAndComeBackAsApplied() {
        String spec = "{\"config\":{\"options\":{\"distributed_interval\":12,\"logger_plugin\":\"tls\"},"
                + "\"decorators\":{\"load\":[\"SELECT uuid AS host_uuid FROM system_info;\"]}},"
                + "\"overrides\":{\"platforms\":{\"darwin\":{\"options\":{\"distributed_interval\":30}}}}}";

        ok(post("/spec/osquery_options", adminToken, "{\"spec\":" + spec + "}"));

        assertThat(ok(get("/spec/osquery_options", observerToken)).path("spec")).isEqualTo(tree(spec));
        ok(post("/spec/osquery_options", adminToken, "{\"spec\":{\"config\":{\"options\":{}},\"overrides\":{}}}"));
        assertThat(get("/spec/osquery_options", observerToken).body())
                .isEqualTo("{\"spec\":{\"config\":{\"options\":{}},\"overrides\":{}}}");

        HttpResponse<String> notAnObject = post("/spec/osquery_options", adminToken,
                "{\"spec\":{\"config\":[1,2],\"overrides\":{\"platforms\":{\"darwin\":\"x\"}}}}");
        assertThat(notAnObject.statusCode()).isEqualTo(422);
        assertThat(json(notAnObject).path("errors").findValuesAsText("name"))
                .containsExactly("spec.config", "spec.overrides.platforms.darwin");
    }
}
