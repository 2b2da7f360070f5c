package dev.kolide.perf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.livequery.LiveCampaign;
import dev.kolide.perf.host.HostIdentity;
import dev.kolide.perf.host.HostTemplates;
import dev.kolide.perf.host.NodeKeyStore;
import dev.kolide.perf.stats.Endpoint;
import dev.kolide.perf.stats.Report;
import dev.kolide.perf.transport.AgentTransport;
import dev.kolide.perf.transport.GrpcTransport;
import dev.kolide.perf.transport.TlsTransport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 simulated osquery hosts over the TLS API and 50 simulated launchers over gRPC, at the same time, against a real
 * fleet (H2) for about 10 s: all enroll, check in, answer their detail queries and send logs, without one error;
 * fleet stores them with their details. A rerun with the saved node keys does not enroll again.
 */
@Timeout(120)
class SimulationAgainstFleetTest {
    private static final int HOSTS = 50;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private InProcessFleet fleet;

    private SimulationSettings settings(String prefix, Duration duration) {
        return SimulationSettings.defaults(HOSTS, duration)
                .withHostPrefix(prefix)
                .withStartPeriod(Duration.ofSeconds(2))
                .withIntervals(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(2))
                .withReportInterval(Duration.ofSeconds(5));
    }

    private HostTemplates templates() {
        return new HostTemplates(new HostTemplates.Intervals(Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(2)), 0.2, Clock.systemUTC(), json);
    }

    private URI url() {
        return URI.create("https://127.0.0.1:" + fleet.server().port());
    }

    private AgentTransport tls() {
        return TlsTransport.create(url(), InProcessFleet.SECRET, fleet.server().certificates().clientTrust(),
                TlsTransport.Version.HTTP_1_1, Duration.ofSeconds(10), 2, 64, json);
    }

    private AgentTransport grpc() {
        return GrpcTransport.create(url(), InProcessFleet.SECRET, fleet.server().certificates().clientTrust(),
                Duration.ofSeconds(10), 2);
    }

    private Report run(SimulationSettings settings, AgentTransport transport, NodeKeyStore keys, List<Report> log) {
        try (Simulation simulation = new Simulation(settings, transport, templates(), keys)) {
            return simulation.run(log::add);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    @Test
    void tlsAndGrpcHostsEnrollAndCheckInWithoutErrorsAndAreStoredWithTheirDetails() throws Exception {
        try (InProcessFleet started = InProcessFleet.start(dir.resolve("fleet-logs"))) {
            fleet = started;
            simulateAgainstFleet();
        }
    }

    private void simulateAgainstFleet() throws Exception {
        NodeKeyStore tlsKeys = NodeKeyStore.file(dir.resolve("tls-keys.txt"));
        List<Report> tlsReports = new ArrayList<>();
        List<Report> grpcReports = new ArrayList<>();
        CompletableFuture<Report> tlsRun = CompletableFuture.supplyAsync(() ->
                run(settings("perf-tls", Duration.ofSeconds(10)), tls(), tlsKeys, tlsReports));
        CompletableFuture<Report> grpcRun = CompletableFuture.supplyAsync(() ->
                run(settings("perf-grpc", Duration.ofSeconds(10)), grpc(), NodeKeyStore.inMemory(), grpcReports));

        for (Report report : List.of(tlsRun.get(), grpcRun.get())) {
            assertThat(report.kind()).isEqualTo("final");
            assertThat(report.enrolled()).as("enrolled").isEqualTo(HOSTS);
            assertThat(report.online()).as("online").isEqualTo(HOSTS);
            assertThat(report.errors()).as("errors: %s", report.endpoints()).isZero();
            assertThat(report.endpoints().get(Endpoint.ENROLL).requests()).isEqualTo(HOSTS);
            for (Endpoint endpoint : Endpoint.values()) {
                assertThat(report.endpoints().get(endpoint).requests()).as(endpoint.reportName()).isPositive();
            }
        }
        assertThat(tlsReports).hasSizeGreaterThanOrEqualTo(2);

        Map<String, Host> stored = fleet.datastore().hosts().list(ListOptions.all()).stream()
                .collect(Collectors.toMap(host -> host.inventory().hostname(), Function.identity()));
        assertThat(stored).hasSize(2 * HOSTS);
        for (String prefix : List.of("perf-tls", "perf-grpc")) {
            for (int i = 0; i < HOSTS; i++) {
                HostIdentity identity = HostIdentity.of(prefix, i);
                Host host = stored.get(identity.hostname());
                assertThat(host).as(identity.hostname()).isNotNull();
                assertThat(host.osqueryHostId()).isEqualTo(identity.uuid());
                assertThat(host.inventory().platform()).isEqualTo(identity.os().platform());
                // set only by the network_interface detail query: the templates were ingested
                assertThat(host.inventory().primaryIp()).isEqualTo(identity.ip());
            }
        }
        assertThat(Files.readAllLines(fleet.resultLog())).hasSizeGreaterThan(HOSTS);
        assertThat(Files.readAllLines(fleet.statusLog())).isNotEmpty();

        Report rerun = run(settings("perf-tls", Duration.ofSeconds(3)).withStartPeriod(Duration.ofMillis(500)), tls(),
                NodeKeyStore.file(dir.resolve("tls-keys.txt")), new ArrayList<>());
        assertThat(rerun.endpoints().get(Endpoint.ENROLL).requests()).as("re-enrollments").isZero();
        assertThat(rerun.enrolled()).isEqualTo(HOSTS);
        assertThat(rerun.errors()).isZero();
    }

    @Test
    void watchingLaunchersAnswerAPushedLiveQueryWithoutWaitingForTheirDistributedRead() throws Exception {
        try (InProcessFleet started = InProcessFleet.start(dir.resolve("push-logs"))) {
            int hosts = 20;
            // reads every 60 s: a query answered by all within seconds of its start was pushed, not read
            SimulationSettings settings = SimulationSettings.defaults(hosts, Duration.ofSeconds(30))
                    .withHostPrefix("perf-watch").withStartPeriod(Duration.ofMillis(500))
                    .withIntervals(Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofSeconds(60))
                    .withReportInterval(Duration.ofMinutes(1));
            HostTemplates templates = new HostTemplates(new HostTemplates.Intervals(Duration.ofSeconds(60),
                    Duration.ofMinutes(5), Duration.ofSeconds(60)), 0.2, Clock.systemUTC(), json);
            AgentTransport watching = GrpcTransport.create(URI.create("https://127.0.0.1:" + started.server().port()),
                    InProcessFleet.SECRET, started.server().certificates().clientTrust(), Duration.ofSeconds(10), 2,
                    2, true);
            try (Simulation simulation = new Simulation(settings, watching, templates, NodeKeyStore.inMemory())) {
                CompletableFuture<Report> running = simulation.runInBackground();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (simulation.report().enrolled() < hosts && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Set<Long> hostIds = started.datastore().hosts().list(ListOptions.all()).stream().map(Host::id)
                        .collect(Collectors.toSet());
                assertThat(hostIds).hasSize(hosts);
                Thread.sleep(1_000); // the streams open right after enrollment
                Set<Long> answered = ConcurrentHashMap.newKeySet();
                started.bus().subscribe(77, result -> answered.add(result.hostId()));

                started.bus().start(new LiveCampaign(77, "kolide_distributed_query_77", "SELECT 1", hostIds, hosts,
                        Instant.now()));

                long pushed = System.nanoTime();
                while (answered.size() < hosts && System.nanoTime() - pushed < Duration.ofSeconds(5).toNanos()) {
                    Thread.sleep(20);
                }
                assertThat(answered).as("hosts that answered within 5 s").containsExactlyInAnyOrderElementsOf(hostIds);
                simulation.stop();
                assertThat(running.get().errors()).isZero();
            }
        }
    }
}
