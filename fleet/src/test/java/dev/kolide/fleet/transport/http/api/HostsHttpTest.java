package dev.kolide.fleet.transport.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.NewLabel;
import dev.kolide.fleet.service.api.ApiTestEnvironment;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hosts: Kolide's JSON, pages and order, status filters and counts, lookup by identifier, deletion. */
class HostsHttpTest extends ApiHttpTestBase {
    private static final Instant T0 = ApiTestEnvironment.T0;

    private List<String> hostnames(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        json(response).path("hosts").forEach(h -> names.add(h.path("hostname").asText()));
        return names;
    }

    /** Enrolls a host at {@code ago} before T0, leaving the clock at T0. */
    private Host enrolledAgo(String hostname, Duration ago) {
        env.clock().set(T0.minus(ago));
        Host host = env.enrollHost(hostname, "ubuntu");
        env.clock().set(T0);
        return host;
    }

    @Test
    void aHostIsKolidesJsonWithStatusLabelsAndNoNodeKey() {
        Host host = env.enrollHost("web-01", "ubuntu");
        env.datastore().hosts().saveAdditional(host.id(), "{\"ssh_keys\":[\"ssh-ed25519 AAAA\"]}");
        Label label = env.datastore().labels().create(NewLabel.manual("web"));
        env.datastore().labels().setManualMembers(label.id(), List.of(host.id()));

        HttpResponse<String> response = get("/hosts/" + host.id(), observerToken);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"host\":{\"created_at\":\"2024-03-01T12:00:00Z\","
                + "\"updated_at\":\"2024-03-01T12:00:00Z\",\"id\":" + host.id() + ","
                + "\"detail_updated_at\":\"2024-03-01T12:00:00Z\",\"label_updated_at\":\"1970-01-01T00:00:00Z\","
                + "\"seen_time\":\"2024-03-01T12:00:00Z\",\"hostname\":\"web-01\",\"uuid\":\"uuid-web-01\","
                + "\"platform\":\"ubuntu\",\"osquery_version\":\"4.5.1\",\"os_version\":\"Ubuntu 20.04.1\","
                + "\"build\":\"\",\"platform_like\":\"debian\",\"code_name\":\"focal\",\"uptime\":3600000000000,"
                + "\"memory\":2084032512,\"cpu_type\":\"x86_64\",\"cpu_subtype\":\"6\","
                + "\"cpu_brand\":\"Intel(R) Xeon(R)\",\"cpu_physical_cores\":2,\"cpu_logical_cores\":4,"
                + "\"hardware_vendor\":\"QEMU\",\"hardware_model\":\"Standard PC\",\"hardware_version\":\"pc-1.0\","
                + "\"hardware_serial\":\"SERIAL-web-01\",\"computer_name\":\"web-01\",\"primary_ip\":\"10.0.0.7\","
                + "\"primary_mac\":\"52:54:00:12:34:56\",\"distributed_interval\":10,\"config_tls_refresh\":10,"
                + "\"logger_tls_period\":10,\"additional\":{\"ssh_keys\":[\"ssh-ed25519 AAAA\"]},"
                + "\"enroll_secret_name\":\"default\",\"status\":\"online\",\"display_text\":\"web-01\","
                + "\"labels\":[{\"created_at\":\"2024-03-01T12:00:00Z\",\"updated_at\":\"2024-03-01T12:00:00Z\","
                + "\"id\":" + label.id() + ",\"name\":\"web\",\"description\":\"\",\"query\":\"\",\"platform\":\"\","
                + "\"label_type\":\"regular\",\"label_membership_type\":\"manual\"}]}}");
        assertThat(response.body()).doesNotContain(host.nodeKey()).doesNotContain("node_key");
    }

    @Test
    void theListIsPagedAndOrderedAndCarriesEachHostsLabels() {
        for (String name : List.of("h-c", "h-a", "h-e", "h-b", "h-d")) {
            env.enrollHost(name, "ubuntu");
        }
        Label label = env.datastore().labels().create(NewLabel.manual("even"));
        List<Long> even = new ArrayList<>();
        env.datastore().hosts().search("h-b", Set.of(), 1).forEach(h -> even.add(h.id()));
        env.datastore().labels().setManualMembers(label.id(), even);

        assertThat(hostnames(get("/hosts", observerToken))).containsExactly("h-c", "h-a", "h-e", "h-b", "h-d");
        assertThat(hostnames(get("/hosts?page=1&per_page=2&order_key=hostname", observerToken)))
                .containsExactly("h-c", "h-d");
        assertThat(hostnames(get("/hosts?page=0&per_page=2&order_key=host_name&order_direction=desc",
                observerToken))).containsExactly("h-e", "h-d");
        assertThat(hostnames(get("/hosts?page=5&per_page=2", observerToken))).isEmpty();
        JsonNode hb = json(get("/hosts?per_page=1&page=1&order_key=hostname", observerToken)).path("hosts").get(0);
        assertThat(hb.path("hostname").asText()).isEqualTo("h-b");
        assertThat(hb.path("labels").findValuesAsText("name")).containsExactly("even");
    }

    @Test
    void statusFiltersAndTheSummaryUseTheServiceClock() {
        enrolledAgo("mia-01", Duration.ofDays(31));
        Host old = enrolledAgo("old-01", Duration.ofDays(2));
        enrolledAgo("off-01", Duration.ofMinutes(2));
        env.enrollHost("new-01", "ubuntu");
        env.datastore().hosts().markSeen(Map.of(old.id(), T0));

        assertThat(hostnames(get("/hosts?status=online&order_key=hostname", observerToken)))
                .containsExactly("new-01", "old-01");
        assertThat(hostnames(get("/hosts?status=offline", observerToken))).containsExactly("off-01");
        assertThat(hostnames(get("/hosts?status=mia", observerToken))).containsExactly("mia-01");
        assertThat(hostnames(get("/hosts?status=new&order_key=hostname", observerToken)))
                .containsExactly("new-01", "off-01");
        JsonNode statuses = json(get("/hosts?order_key=hostname", observerToken)).path("hosts");
        assertThat(statuses.findValuesAsText("status")).containsExactly("mia", "online", "offline", "online");
        assertThat(get("/host_summary", observerToken).body())
                .isEqualTo("{\"online_count\":2,\"offline_count\":1,\"mia_count\":1,\"new_count\":2}");

        // 40 s later the newest host has missed its check-in (10 s interval + 30 s).
        env.clock().advance(Duration.ofSeconds(40));
        assertThat(hostnames(get("/hosts?status=online", observerToken))).isEmpty();
    }

    @Test
    void aHostIsFoundByHostnameUuidOrOsqueryHostId() {
        Host host = env.enrollHost("web-01", "ubuntu");

        for (String identifier : List.of("web-01", "uuid-web-01", "id-web-01")) {
            HttpResponse<String> response = get("/hosts/identifier/" + identifier, observerToken);
            assertThat(response.statusCode()).as(identifier).isEqualTo(200);
            assertThat(json(response).path("host").path("id").asLong()).isEqualTo(host.id());
        }
        HttpResponse<String> missing = get("/hosts/identifier/nowhere", observerToken);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).path("message").asText()).isEqualTo("Resource Not Found");
    }

    @Test
    void deletingAHostRemovesItAndTellsTheOsquerySide() {
        Host host = env.enrollHost("web-01", "ubuntu");

        HttpResponse<String> deleted = delete("/hosts/" + host.id(), adminToken);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");
        assertThat(env.deletedHosts()).containsExactly(host.id());
        assertThat(get("/hosts/" + host.id(), adminToken).statusCode()).isEqualTo(404);
        assertThat(delete("/hosts/" + host.id(), adminToken).statusCode()).isEqualTo(404);
        assertThat(env.deletedHosts()).containsExactly(host.id());
    }

    @Test
    void malformedParametersAre400AndRefusedValues422() {
        HttpResponse<String> status = get("/hosts?status=sleeping", observerToken);
        HttpResponse<String> page = get("/hosts?page=two", observerToken);
        HttpResponse<String> id = get("/hosts/abc", observerToken);
        HttpResponse<String> key = get("/hosts?order_key=node_key", observerToken);
        HttpResponse<String> negative = get("/hosts?page=-1", observerToken);

        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(json(status).path("message").asText()).contains("status must be online, offline, mia or new");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(json(page).path("message").asText()).contains("page must be an integer");
        assertThat(id.statusCode()).isEqualTo(400);
        assertThat(key.statusCode()).isEqualTo(422);
        assertThat(json(key).path("errors").get(0).path("name").asText()).isEqualTo("order_key");
        assertThat(negative.statusCode()).isEqualTo(422);
        assertThat(json(negative).path("errors").get(0).path("name").asText()).isEqualTo("page");
    }
}
