package dev.kolide.fleet.service.osquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.NewLabel;
import dev.kolide.fleet.domain.NewPack;
import dev.kolide.fleet.domain.NewQuery;
import dev.kolide.fleet.domain.NewScheduledQuery;
import dev.kolide.fleet.domain.OsqueryOptions;
import dev.kolide.fleet.domain.Pack;
import dev.kolide.fleet.domain.TargetType;
import dev.kolide.fleet.service.osquery.testing.OsqueryDatabaseTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Config assembly (reference §1.5) from the in-memory snapshot, and the intervals it serves. */
class ConfigTest extends OsqueryDatabaseTestBase {
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode configOf(Enrollment enrollment) {
        return service.config(service.authenticate(enrollment.nodeKey())).json();
    }

    @Test
    void aHostWithoutPacksGetsTheSeededDefaultOptionsAndDecorators() {
        ObjectNode config = configOf(enroll("uuid-1", "web-01"));

        assertThat(config).isEqualTo(parse("""
                {"options":{"logger_plugin":"tls","pack_delimiter":"/","logger_tls_period":10,
                 "distributed_plugin":"tls","disable_distributed":false,"logger_tls_endpoint":"/api/v1/osquery/log",
                 "distributed_interval":10,"distributed_tls_max_attempts":3},
                 "decorators":{"load":["SELECT uuid AS host_uuid FROM system_info;",
                 "SELECT hostname AS hostname FROM system_info;"]}}"""));
    }

    @Test
    void aPlatformOverrideReplacesTheDefaultRatherThanMergingWithIt() {
        ds.osqueryOptions().replace(new OsqueryOptions("{\"options\":{\"distributed_interval\":10,\"a\":1}}",
                Map.of("ubuntu", "{\"options\":{\"distributed_interval\":30}}",
                        "darwin", "{\"options\":{\"b\":2}}")));
        osquery.configSnapshots().reload();

        assertThat(configOf(enroll("uuid-1", "web-01"))).isEqualTo(parse("{\"options\":{\"distributed_interval\":30}}"));
        Enrollment bare = enrollBare("uuid-2");
        assertThat(configOf(bare)).as("no platform yet: the default")
                .isEqualTo(parse("{\"options\":{\"distributed_interval\":10,\"a\":1}}"));
    }

    @Test
    void packsComeThroughTheHostsLabelsAndDirectTargetsWithOsquerysQueryFields() {
        Enrollment web = enroll("uuid-1", "web-01");
        Enrollment other = enroll("uuid-2", "db-01");
        long label = ds.labels().create(NewLabel.dynamic("web servers", "select 1;")).id();
        ds.labels().recordResults(web.hostId(), Map.of(label, true), T0);
        ds.queries().create(new NewQuery("processes", "", "select * from processes;", true, null));
        ds.queries().create(new NewQuery("users", "", "select * from users;", true, null));
        Pack viaLabel = ds.packs().create(new NewPack("monitoring", "", "linux", false));
        ds.packs().addTarget(viaLabel.id(), TargetType.LABEL, label);
        ds.scheduledQueries().create(new NewScheduledQuery(viaLabel.id(), "procs", "processes", "", 60, true, false,
                "linux", "2.9.0", 25));
        ds.scheduledQueries().create(new NewScheduledQuery(viaLabel.id(), "users", "users", "", 3600, false, null,
                "", " ", null));
        Pack direct = ds.packs().create(NewPack.named("just-web-01"));
        ds.packs().addTarget(direct.id(), TargetType.HOST, web.hostId());
        Pack disabled = ds.packs().create(new NewPack("disabled", "", "", true));
        ds.packs().addTarget(disabled.id(), TargetType.HOST, web.hostId());
        osquery.configSnapshots().reload();

        JsonNode packs = configOf(web).get("packs");

        assertThat(packs).isEqualTo(parse("""
                {"just-web-01":{"queries":{}},
                 "monitoring":{"platform":"linux","queries":{
                   "procs":{"query":"select * from processes;","interval":60,"platform":"linux","version":"2.9.0",
                            "removed":false,"shard":25,"snapshot":true},
                   "users":{"query":"select * from users;","interval":3600}}}}"""));
        assertThat(configOf(other).has("packs")).as("targets neither the host nor its labels").isFalse();
    }

    @Test
    void changesReachConfigsWhenTheSnapshotReloads() {
        Enrollment web = enroll("uuid-1", "web-01");
        ObjectNode before = configOf(web);
        Pack pack = ds.packs().create(NewPack.named("new"));
        ds.packs().addTarget(pack.id(), TargetType.HOST, web.hostId());

        assertThat(configOf(web)).as("until the reload").isEqualTo(before);
        osquery.configSnapshots().reload();
        assertThat(configOf(web).has("packs")).isTrue();
    }

    @Test
    void theServedIntervalsAreSavedOnTheHostOnlyWhenTheyChange() {
        Enrollment web = enroll("uuid-1", "web-01");
        statements.reset();

        configOf(web);
        assertThat(statements.writes()).as("first config: distributed 10, logger 10 saved").hasSize(1);
        assertThat(ds.hosts().find(web.hostId()).orElseThrow().intervals()).isEqualTo(new HostIntervals(10, 0, 10));

        statements.reset();
        configOf(web);
        assertThat(statements.count()).as("nothing changed: no statement at all").isZero();

        ds.osqueryOptions().replace(new OsqueryOptions(
                "{\"options\":{\"distributed_interval\":\"60\",\"config_refresh\":300,\"logger_tls_period\":-1}}",
                Map.of()));
        osquery.configSnapshots().reload();
        statements.reset();
        configOf(web);
        assertThat(statements.writes()).hasSize(1);
        assertThat(ds.hosts().find(web.hostId()).orElseThrow().intervals())
                .as("numeric strings count, negative numbers do not").isEqualTo(new HostIntervals(60, 300, 10));
    }

    @Test
    void anOptionsConfigThatIsNotAJsonObjectIsServedAsAnEmptyObject() {
        ds.osqueryOptions().replace(new OsqueryOptions("[1, 2]", Map.of("ubuntu", "{not json")));
        osquery.configSnapshots().reload();

        assertThat(configOf(enroll("uuid-1", "web-01"))).isEqualTo(json.createObjectNode());
        assertThat(configOf(enrollBare("uuid-2"))).isEqualTo(json.createObjectNode());
    }

    @Test
    void eachConfigIsTheCallersOwnCopy() {
        Enrollment web = enroll("uuid-1", "web-01");
        ObjectNode first = configOf(web);

        first.putObject("options").put("logger_plugin", "changed");

        assertThat(configOf(web).path("options").path("logger_plugin").asText()).isEqualTo("tls");
    }
}
