package dev.kolide.perf.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.kit.tls.DevCertificates;
import dev.kolide.perf.host.NodeKeyStore;
import dev.kolide.perf.transport.AgentTransport;
import dev.kolide.perf.transport.GrpcTransport;
import dev.kolide.perf.transport.TlsTransport;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code make bench}: the check-in capacity of one fleet on MariaDB + Redis, the same driver against a no-op server
 * on fleet's Jetty (the ceiling), live-query latency over distributed reads and over the launchers' push, and the
 * launcher's footprint; the figures go into docs/benchmarks.md between the generated-section markers.
 *
 * <p>Arguments: {@code --build DIR} (the programs, default build), {@code --out FILE} (default
 * docs/benchmarks.md), {@code --work DIR} (logs, default target/bench), {@code --quick} (small numbers, to try the
 * driver), {@code --only capacity,push,ceiling,launcher}, {@code --ladder 10000,12500} (the capacity steps, to
 * look at a few closely; write such runs elsewhere with --out).
 */
public final class Benchmarks {
    static final String MYSQL = "127.0.0.1:3306";
    static final String REDIS = "127.0.0.1:6379";

    private final Path build;
    private final Path work;
    private final boolean quick;
    private final PrintStream out;
    private final LoadStep steps;
    private final List<Integer> ladder;

    private Benchmarks(Path build, Path work, boolean quick, List<Integer> ladder, PrintStream out) {
        this.build = build;
        this.work = work;
        this.quick = quick;
        this.ladder = ladder;
        this.out = out;
        this.steps = new LoadStep(out);
    }

    public static void main(String[] args) throws Exception {
        Path build = Path.of("build");
        Path output = Path.of("docs", "benchmarks.md");
        Path work = Path.of("target", "bench");
        boolean quick = false;
        Set<String> only = Set.of("capacity", "push", "ceiling", "launcher");
        List<Integer> ladder = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--build" -> build = Path.of(args[++i]);
                case "--out" -> output = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--quick" -> quick = true;
                case "--only" -> only = Set.of(args[++i].split(","));
                case "--ladder" -> ladder = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        for (String program : List.of("fleet", "launcher", "osqueryd-lite")) {
            if (!Files.isExecutable(build.resolve(program))) {
                System.err.println(build.resolve(program) + " is missing: run make build first");
                System.exit(2);
            }
        }
        Files.createDirectories(work);
        Benchmarks bench = new Benchmarks(build, work, quick, ladder, System.out);
        BenchReport report = new BenchReport(Machine.read(MYSQL), quick, Instant.now());
        // written after each part, so that a part that fails does not cost the others' figures
        if (only.contains("capacity")) {
            report.capacity(bench.capacity());
            report.writeInto(output);
        }
        if (only.contains("push")) {
            report.push(bench.push());
            report.writeInto(output);
        }
        if (only.contains("ceiling")) {
            report.ceiling(bench.ceiling());
            report.writeInto(output);
        }
        if (only.contains("launcher")) {
            report.launcher(bench.launcher());
        }
        report.writeInto(output);
        System.out.println("wrote " + output);
    }

    private List<Integer> capacityLadder() {
        if (ladder != null) {
            return ladder;
        }
        return quick ? List.of(200, 500) : List.of(1_000, 5_000, 10_000, 12_500, 15_000, 17_500, 20_000);
    }

    /** Steps at which a live query is timed too. */
    private Set<Integer> liveQuerySteps() {
        return quick ? Set.of(200, 500) : Set.of(1_000, 10_000);
    }

    /** The ladder is climbed to this many hosts whatever happens below, then only while steps pass. */
    private int target() {
        return quick ? 500 : 10_000;
    }

    private Duration window() {
        return quick ? Duration.ofSeconds(15) : Duration.ofSeconds(60);
    }

    /** Hosts already enrolled restart at once; new ones enroll at about 200 a second. */
    private static Duration startPeriod(int hosts, int enrolled) {
        return Duration.ofSeconds(15 + (hosts - enrolled) / 200);
    }

    List<LoadStep.Result> capacity() throws Exception {
        out.println("== check-in capacity: fleet on MariaDB + Redis, osquery TLS API");
        List<LoadStep.Result> results = new ArrayList<>();
        try (BenchFleet fleet = BenchFleet.start(build, work.resolve("capacity"), "capacity", MYSQL, REDIS)) {
            NodeKeyStore keys = NodeKeyStore.inMemory();
            SqlCounters sql = new SqlCounters(MYSQL);
            int enrolled = 0;
            for (int hosts : capacityLadder()) {
                LoadStep.WhileRunning live = liveQuerySteps().contains(hosts)
                        ? () -> LiveQueryProbe.run(fleet.admin(), hosts, Duration.ofSeconds(60)) : null;
                LoadStep.Result result = steps.run("fleet", tls(fleet.pid(), fleet.url(), fleet.trust()), hosts,
                        keys, startPeriod(hosts, enrolled), window(), sql, live);
                enrolled = hosts;
                results.add(result);
                if (result.live() != null) {
                    out.printf("  live query to %,d hosts: %d answered, p50 %.2f s, p95 %.2f s, last %.2f s%n",
                            hosts, result.live().answered(), result.live().percentile(50),
                            result.live().percentile(95), result.live().last());
                }
                if (result.failure() != null && hosts >= target()) {
                    break;
                }
            }
        }
        return results;
    }

    /** Live queries timed one after another on one set of watching launchers; the first is fleet's first. */
    static final int PUSH_QUERIES = 6;
    static final Duration PUSH_QUERY_GAP = Duration.ofSeconds(3);

    /** The push part: the launchers' step, and the live queries timed while they ran, in order. */
    record PushRuns(LoadStep.Result step, List<LiveQueryProbe.LiveQueryLatency> queries) {}

    /**
     * Launchers (gRPC) holding WatchQueries streams, warmed up like a capacity step; then {@link #PUSH_QUERIES}
     * live queries to all of them, {@link #PUSH_QUERY_GAP} apart, each timed alone.
     */
    PushRuns push() throws Exception {
        int hosts = quick ? 200 : 1_000;
        out.println("== instant live queries: " + hosts + " simulated launchers watching over gRPC");
        try (BenchFleet fleet = BenchFleet.start(build, work.resolve("push"), "push", MYSQL, REDIS)) {
            LoadStep.Target target = new LoadStep.Target() {
                @Override
                public long pid() {
                    return fleet.pid();
                }

                @Override
                public AgentTransport transport(int count) {
                    int channels = (count + GrpcTransport.WATCHING_HOSTS_PER_CHANNEL - 1)
                            / GrpcTransport.WATCHING_HOSTS_PER_CHANNEL;
                    return GrpcTransport.create(fleet.url(), BenchFleet.ENROLL_SECRET, fleet.trust(),
                            Duration.ofSeconds(30), 2, channels, true);
                }
            };
            List<LiveQueryProbe.LiveQueryLatency> queries = new ArrayList<>();
            LoadStep.Result step = steps.run("push", target, hosts, NodeKeyStore.inMemory(), startPeriod(hosts, 0),
                    quick ? Duration.ofSeconds(10) : Duration.ofSeconds(20), new SqlCounters(MYSQL), () -> {
                        for (int i = 1; i <= PUSH_QUERIES; i++) {
                            LiveQueryProbe.LiveQueryLatency live = LiveQueryProbe.run(fleet.admin(), hosts,
                                    Duration.ofSeconds(60));
                            queries.add(live);
                            out.printf("  pushed live query %d to %,d launchers: campaign created %.3f s, socket open"
                                    + " %.3f s; %d answered, p50 %.3f s, p95 %.3f s, last %.3f s%s%n", i, hosts,
                                    live.created(), live.opened(), live.answered(), live.percentile(50),
                                    live.percentile(95), live.last(), live.problem() == null ? ""
                                            : "; the socket said: " + live.problem());
                            Thread.sleep(PUSH_QUERY_GAP.toMillis());
                        }
                        return queries.get(queries.size() - 1);
                    });
            return new PushRuns(step, queries);
        }
    }

    /** The same ladder against {@link NoopOsqueryServer}: what fleet's transport carries with no service behind. */
    List<LoadStep.Result> ceiling() throws Exception {
        out.println("== ceiling: the same driver against a no-op service on fleet's HTTPS server");
        Path dir = work.resolve("ceiling");
        Path tls = dir.resolve("tls");
        DevCertificates.generate(List.of("localhost", "127.0.0.1"), Duration.ofDays(2), Clock.systemUTC(),
                new SecureRandom()).writeTo(tls);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                NoopOsqueryServer.class.getName(), tls.resolve(DevCertificates.SERVER_CERTIFICATE_FILE).toString(),
                tls.resolve(DevCertificates.SERVER_KEY_FILE).toString());
        List<LoadStep.Result> results = new ArrayList<>();
        try (ChildProcess server = ChildProcess.start(command, dir.resolve("noop.log"), Map.of())) {
            int port = Integer.parseInt(server.await(Pattern.compile("noop serving on port (\\d+)"),
                    Duration.ofMinutes(1)));
            URI url = URI.create("https://localhost:" + port);
            ClientTrust trust = ClientTrust.rootsFromPem(tls.resolve(DevCertificates.CA_FILE));
            NodeKeyStore keys = NodeKeyStore.inMemory();
            List<Integer> ladder = quick ? List.of(500) : List.of(1_000, 10_000, 20_000);
            int enrolled = 0;
            for (int hosts : ladder) {
                // the same start periods as fleet's steps: the same bursts of config and status logs
                LoadStep.Result result = steps.run("no-op", tls(server.pid(), url, trust), hosts, keys,
                        startPeriod(hosts, enrolled), quick ? Duration.ofSeconds(10) : Duration.ofSeconds(30), null,
                        null);
                enrolled = hosts;
                results.add(result);
                if (result.failure() != null) {
                    break;
                }
            }
        }
        return results;
    }

    LauncherFootprint.Figures launcher() throws Exception {
        Duration idle = quick ? Duration.ofSeconds(70) : Duration.ofMinutes(5);
        out.println("== launcher footprint: build/launcher with osqueryd-lite, idle for " + idle);
        try (BenchFleet fleet = BenchFleet.start(build, work.resolve("launcher"), "launcher", MYSQL, REDIS)) {
            return new LauncherFootprint(out).measure(build, fleet, work.resolve("launcher"), idle);
        }
    }

    private LoadStep.Target tls(long pid, URI url, ClientTrust trust) {
        ObjectMapper json = new ObjectMapper();
        return new LoadStep.Target() {
            @Override
            public long pid() {
                return pid;
            }

            @Override
            public AgentTransport transport(int hosts) {
                return TlsTransport.create(url, BenchFleet.ENROLL_SECRET, trust, TlsTransport.Version.HTTP_1_1,
                        Duration.ofSeconds(30), 2, 256, json);
            }
        };
    }
}
