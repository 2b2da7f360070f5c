package dev.kolide.perf.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SimulationStatsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void intervalReportsCoverTheirWindowAndTheFinalReportTheWholeRun() {
        SimulationStats stats = new SimulationStats();
        for (int i = 0; i < 20; i++) {
            stats.endpoint(Endpoint.DISTRIBUTED_READ).record(10_000, null);
        }
        stats.endpoint(Endpoint.ENROLL).record(50_000, "http_500");
        Report first = stats.intervalReport(10, new HostCounts(5, 4, 3, 0));
        for (int i = 0; i < 10; i++) {
            stats.endpoint(Endpoint.DISTRIBUTED_READ).record(20_000, null);
        }
        Report second = stats.intervalReport(20, new HostCounts(5, 5, 5, 1));
        Report last = stats.finalReport(20, new HostCounts(5, 5, 5, 0));

        assertThat(first.endpoints().get(Endpoint.DISTRIBUTED_READ).requests()).isEqualTo(20);
        assertThat(first.endpoints().get(Endpoint.DISTRIBUTED_READ).requestsPerSecond()).isEqualTo(2.0);
        assertThat(first.errors()).isEqualTo(1);
        assertThat(first.endpoints().get(Endpoint.ENROLL).errorsByKind()).containsEntry("http_500", 1L);
        assertThat(second.endpoints().get(Endpoint.DISTRIBUTED_READ).requests()).isEqualTo(10);
        assertThat(second.endpoints().get(Endpoint.DISTRIBUTED_READ).p50Millis()).isBetween(20.0, 21.3);
        assertThat(second.errors()).isZero();
        assertThat(last.requests()).isEqualTo(31);
        assertThat(last.errors()).isEqualTo(1);
        assertThat(last.endpoints().get(Endpoint.DISTRIBUTED_READ).maxMillis()).isEqualTo(20.0);
    }

    @Test
    void theJsonLineCarriesHostCountsTotalsAndEveryEndpoint() throws Exception {
        SimulationStats stats = new SimulationStats();
        stats.endpoint(Endpoint.LOG).record(1_500, null);
        stats.endpoint(Endpoint.LOG).record(1_500, "timeout");

        JsonNode line = json.readTree(new ReportFormat(json).json(stats.finalReport(2, new HostCounts(7, 6, 5, 0))));

        assertThat(line.get("report").asText()).isEqualTo("final");
        assertThat(line.get("hosts").asInt()).isEqualTo(7);
        assertThat(line.get("hosts_enrolled").asInt()).isEqualTo(6);
        assertThat(line.get("hosts_online").asInt()).isEqualTo(5);
        assertThat(line.get("requests").asLong()).isEqualTo(2);
        assertThat(line.get("errors").asLong()).isEqualTo(1);
        assertThat(line.get("endpoints").fieldNames()).toIterable().containsExactly("enroll", "config",
                "distributed_read", "distributed_write", "log");
        JsonNode log = line.get("endpoints").get("log");
        assertThat(log.get("rps").asDouble()).isEqualTo(1.0);
        assertThat(log.get("errors_by_kind").get("timeout").asLong()).isEqualTo(1);
        assertThat(log.get("p99_ms").asDouble()).isEqualTo(1.5);
        assertThat(new ReportFormat(json).text(stats.finalReport(2, new HostCounts(7, 6, 5, 0))))
                .contains("hosts 7 enrolled 6 online 5", "log", "{timeout=1}");
    }
}
