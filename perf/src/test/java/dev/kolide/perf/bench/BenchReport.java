package dev.kolide.perf.bench;

import dev.kolide.perf.stats.Endpoint;
import dev.kolide.perf.stats.EndpointReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The generated part of docs/benchmarks.md: every figure {@code make bench} measured, as Markdown between two
 * marker lines (replaced on every run; the hand-written analysis lives outside them).
 */
final class BenchReport {
    private static final int TARGET_HOSTS = 10_000;
    private static final double LIVE_TARGET_SECONDS = LoadStep.DISTRIBUTED.toSeconds() + 2;
    private static final double PUSH_TARGET_SECONDS = 1.0;

    private final Machine machine;
    private final boolean quick;
    private final Instant when;
    private List<LoadStep.Result> capacity;
    private Benchmarks.PushRuns push;
    private List<LoadStep.Result> ceiling;
    private LauncherFootprint.Figures launcher;

    BenchReport(Machine machine, boolean quick, Instant when) {
        this.machine = machine;
        this.quick = quick;
        this.when = when;
    }

    void capacity(List<LoadStep.Result> results) {
        this.capacity = results;
    }

    void push(Benchmarks.PushRuns runs) {
        this.push = runs;
    }

    void ceiling(List<LoadStep.Result> results) {
        this.ceiling = results;
    }

    void launcher(LauncherFootprint.Figures figures) {
        this.launcher = figures;
    }

    /**
     * Replaces, in {@code file}, each generated section this run measured (between its own two marker lines),
     * appending the ones not there yet; sections of parts not run this time are kept as they were.
     */
    void writeInto(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("machine", machineSection());
        if (capacity != null) {
            sections.put("capacity", section(this::capacitySection));
        }
        if (ceiling != null) {
            sections.put("ceiling", section(this::ceilingSection));
        }
        if (capacity != null) {
            sections.put("live", section(this::liveSection));
        }
        if (push != null) {
            sections.put("push", section(this::pushSection));
        }
        if (launcher != null) {
            sections.put("launcher", section(this::launcherSection));
        }
        for (Map.Entry<String, String> entry : sections.entrySet()) {
            text = replace(text, entry.getKey(), entry.getValue());
        }
        Files.writeString(file, text);
    }

    static String begin(String name) {
        return "<!-- make bench: " + name + " (generated; edit outside these markers) -->";
    }

    static String end(String name) {
        return "<!-- make bench: " + name + " end -->";
    }

    private static String replace(String text, String name, String body) {
        String section = begin(name) + "\n" + body + end(name);
        int from = text.indexOf(begin(name));
        int to = text.indexOf(end(name));
        return from >= 0 && to > from
                ? text.substring(0, from) + section + text.substring(to + end(name).length())
                : text.stripTrailing() + "\n\n" + section + "\n";
    }

    private static String section(Consumer<StringBuilder> writer) {
        StringBuilder md = new StringBuilder();
        writer.accept(md);
        return md.toString();
    }

    private String measured() {
        return "Measured " + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(when.atOffset(ZoneOffset.UTC).withNano(0))
                + "Z by `make bench`" + (quick ? " **--quick (small numbers; not the figures of record)**" : "")
                + ".";
    }

    private String machineSection() {
        return String.format(Locale.ROOT, "%s Machine: %d cores (%s), %.1f GiB, %s, %s, MariaDB %s, Redis %s."
                + " fleet, MariaDB, Redis and the simulator (one JVM, the driver's) share these cores.%n%n",
                measured(), machine.cores(), machine.cpuModel(), machine.memoryBytes() / (1024.0 * 1024 * 1024),
                machine.os(), machine.jdk(), machine.mariadb(), machine.redis());
    }

    private void capacitySection(StringBuilder md) {
        md.append("### Check-in capacity\n\n").append(measured()).append("\n\n");
        md.append("Each simulated host (osquery TLS API, HTTP/1.1 keep-alive) reads distributed queries every 10 s, "
                + "fetches its config every 60 s and sends logs every 10 s. A *check-in* below is any one of those "
                + "requests. A step warms up until every host is enrolled and online plus 25 s (first detail and "
                + "label answers), then measures a 60 s window; it passes with no error, every endpoint's p99 under "
                + "100 ms, at least 95 % of the due distributed reads made and every host online. The ladder climbs "
                + "to 10,000 hosts regardless, then only while steps pass. Cores = CPU seconds / window seconds.\n\n");
        md.append("| hosts | check-ins/s | read p50 / p99 ms | worst p99 ms | errors | fleet cores |"
                + " fleet CPU s per 1,000 check-ins | simulator cores | MariaDB cores | Redis cores |"
                + " SELECTs per check-in | writes per check-in | result |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (LoadStep.Result r : capacity) {
            if (!r.warmedUp()) {
                md.append(String.format(Locale.ROOT, "| %,d | | | | | | | | | | | | FAIL: %s |%n", r.hosts(),
                        r.failure()));
                continue;
            }
            double seconds = r.window().windowSeconds();
            long requests = r.window().requests();
            EndpointReport read = r.endpoints().get(Endpoint.DISTRIBUTED_READ);
            md.append(String.format(Locale.ROOT,
                    "| %,d | %,.0f | %.1f / %.1f | %.1f (%s) | %d | %.2f | %.3f | %.2f | %.2f | %.2f | %.3f | %.4f |"
                            + " %s |%n",
                    r.hosts(), r.requestsPerSecond(), read.p50Millis(), read.p99Millis(), r.worstP99(),
                    worstEndpoint(r), r.window().errors(), r.serverCpu() / seconds, r.cpuSecondsPerThousand(),
                    r.simulatorCpu() / seconds, r.mariadbCpu() / seconds, r.redisCpu() / seconds,
                    r.sql().selects() / (double) requests, r.sql().writes() / (double) requests,
                    r.failure() == null ? "pass" : "FAIL: " + r.failure()));
        }
        int best = capacity.stream().filter(r -> r.failure() == null).mapToInt(LoadStep.Result::hosts).max()
                .orElse(0);
        boolean topPassed = capacity.get(capacity.size() - 1).failure() == null;
        md.append(String.format(Locale.ROOT, "%n**Capacity: %s%,d hosts** sustained (%s). Target ≥ %,d: %s.%n%n",
                topPassed ? "at least " : "", best, topPassed ? "the ladder's top step passed"
                        : "largest passing step", TARGET_HOSTS, best >= TARGET_HOSTS ? "met" : "**not met**"));
        Map<String, Long> writes = new TreeMap<>();
        long checkIns = 0;
        for (LoadStep.Result r : capacity) {
            if (r.warmedUp()) {
                r.sql().writesByKind().forEach((kind, n) -> writes.merge(kind, n, Long::sum));
                checkIns += r.window().requests();
            }
        }
        md.append(String.format(Locale.ROOT, "SQL writes over all steady-state windows: %s in %,d check-ins "
                + "(MariaDB's Com_* counters; the periodic batched writes, not one per check-in).%n%n",
                writes.isEmpty() ? "none" : writes, checkIns));
    }

    private static String worstEndpoint(LoadStep.Result r) {
        return r.endpoints().entrySet().stream().filter(e -> e.getValue().requests() > 0)
                .max((a, b) -> Double.compare(a.getValue().p99Millis(), b.getValue().p99Millis()))
                .map(e -> e.getKey().reportName()).orElse("-");
    }

    private void ceilingSection(StringBuilder md) {
        md.append("### Ceiling: the same driver against a no-op service on fleet's HTTPS server\n\n").append(measured()).append("\n\n");
        md.append("`NoopOsqueryServer` (perf test sources): fleet's `FleetHttpServer`, router, osquery routes and "
                + "JSON codec in a JVM of its own, in front of an osquery service that accepts every key and stores "
                + "nothing. Same hosts, start periods and pass rule; 30 s windows.\n\n");
        md.append("| hosts | check-ins/s | worst p99 ms | errors | server cores | server CPU s per 1,000 check-ins |"
                + " simulator cores | result |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (LoadStep.Result r : ceiling) {
            if (!r.warmedUp()) {
                md.append(String.format(Locale.ROOT, "| %,d | | | | | | | FAIL: %s |%n", r.hosts(), r.failure()));
                continue;
            }
            double seconds = r.window().windowSeconds();
            md.append(String.format(Locale.ROOT, "| %,d | %,.0f | %.1f (%s) | %d | %.2f | %.3f | %.2f | %s |%n",
                    r.hosts(), r.requestsPerSecond(), r.worstP99(), worstEndpoint(r), r.window().errors(),
                    r.serverCpu() / seconds,
                    r.cpuSecondsPerThousand(), r.simulatorCpu() / seconds,
                    r.failure() == null ? "pass" : "FAIL: " + r.failure()));
        }
        int noop = ceiling.stream().filter(r -> r.failure() == null).mapToInt(LoadStep.Result::hosts).max()
                .orElse(0);
        boolean topPassed = !ceiling.isEmpty() && ceiling.get(ceiling.size() - 1).failure() == null;
        md.append(String.format(Locale.ROOT, "%nNo-op ceiling: %s%,d hosts%s.", topPassed ? "at least " : "",
                noop, topPassed ? " (the ladder's top; the simulator, on the same cores, ran out of steps first)"
                        : ""));
        if (capacity != null) {
            int fleet = capacity.stream().filter(r -> r.failure() == null).mapToInt(LoadStep.Result::hosts).max()
                    .orElse(0);
            double fleetCpu = median(capacity);
            double noopCpu = median(ceiling);
            md.append(String.format(Locale.ROOT, " fleet reaches %.0f %% of it in hosts; per check-in fleet spends "
                    + "%.2f× the no-op server's CPU (median over steps: %.3f vs %.3f CPU s per 1,000).", noop == 0
                    ? 0 : 100.0 * fleet / noop, fleetCpu / noopCpu, fleetCpu, noopCpu));
        }
        md.append("\n\n");
    }

    private static double median(List<LoadStep.Result> results) {
        double[] values = results.stream().filter(LoadStep.Result::warmedUp)
                .mapToDouble(LoadStep.Result::cpuSecondsPerThousand).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    private void liveSection(StringBuilder md) {
        md.append("### Live-query latency over distributed reads (osquery hosts)\n\n").append(measured()).append("\n\n");
        md.append("After a step's window, with its hosts still running: `POST /api/v1/kolide/queries/run_by_names` "
                + "on the All Hosts label, then the results WebSocket; time from just before the POST to each "
                + "host's result on the socket. Hosts read every 10 s, so the target is 12 s for the last.\n\n");
        md.append("| hosts | answered | fleet's online count | p50 s | p95 s | last s | target |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---|\n");
        for (LoadStep.Result r : capacity) {
            if (r.live() != null) {
                LiveQueryProbe.LiveQueryLatency live = r.live();
                boolean met = live.complete() && live.last() <= LIVE_TARGET_SECONDS;
                md.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %.2f | %.2f | %.2f | %s |%n", r.hosts(),
                        live.answered(), live.online(), live.percentile(50), live.percentile(95), live.last(),
                        met ? "met (≤ 12 s)" : "**not met**"));
            }
        }
        md.append('\n');
    }

    private void pushSection(StringBuilder md) {
        md.append("### Instant live queries (launcher hosts, pushed over WatchQueries)\n\n").append(measured())
                .append("\n\n");
        md.append(String.format(Locale.ROOT, "Simulated launchers over gRPC, each holding a `WatchQueries` stream (64 "
                + "per HTTP/2 connection), distributed reads every 10 s as well, warmed up like a capacity step; then "
                + "%d live queries to all of them, %d s apart, each timed as above. Query 1 is the first live query "
                + "since fleet started (its JIT still cold). Target: p95 under 1 s. The socket column is when the "
                + "results socket was open and subscribed.%n%n", Benchmarks.PUSH_QUERIES,
                Benchmarks.PUSH_QUERY_GAP.toSeconds()));
        LoadStep.Result step = push.step();
        if (!step.warmedUp() || push.queries().isEmpty()) {
            md.append(String.format(Locale.ROOT, "FAIL: %,d launchers: %s%n%n", step.hosts(), step.failure()));
            return;
        }
        md.append("| query | launchers | campaign created s | socket open s | answered | p50 s | p95 s | last s |"
                + " target |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        int query = 1;
        int met = 0;
        for (LiveQueryProbe.LiveQueryLatency live : push.queries()) {
            boolean ok = live.problem() == null && live.complete() && live.percentile(95) < PUSH_TARGET_SECONDS;
            String verdict = live.problem() != null ? "**not met**: the socket said \"" + live.problem() + "\""
                    : ok ? "met" : "**not met**";
            met += ok ? 1 : 0;
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.3f | %.3f | %,d | %.3f | %.3f | %.3f | %s |%n",
                    query == 1 ? "1 (first since fleet started)" : Integer.toString(query), step.hosts(),
                    live.created(), live.opened(), live.answered(), live.percentile(50), live.percentile(95),
                    live.last(), verdict));
            query++;
        }
        md.append(String.format(Locale.ROOT, "%nTarget met by %d of %d queries. fleet used %.2f cores in the step's "
                + "window (launchers idle but for their reads).%n%n", met, push.queries().size(),
                step.serverCpu() / step.window().windowSeconds()));
    }

    private void launcherSection(StringBuilder md) {
        LauncherFootprint.Figures f = launcher;
        double idleSeconds = f.idle().toSeconds();
        md.append("### Launcher footprint\n\n").append(measured()).append("\n\n");
        md.append(String.format(Locale.ROOT, "`build/launcher` (its launch script's JVM options) supervising "
                + "`build/osqueryd-lite`, enrolled over gRPC to a fleet on this machine, then idle (launcher "
                + "defaults) for %.0f s from its start.%n%n", idleSeconds));
        md.append("| | launcher | osqueryd-lite |\n|---|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| RSS at the end | %.1f MB | %.1f MB |%n", f.launcherRss() / 1e6,
                f.osquerydRss() / 1e6));
        md.append(String.format(Locale.ROOT, "| CPU over the whole run (start included) | %.2f s | %.2f s |%n",
                f.launcherCpu(), f.osquerydCpu()));
        md.append(String.format(Locale.ROOT, "| CPU in the last minute (share of one core) | %.2f s (%.2f %%) |"
                + " %.2f s (%.2f %%) |%n", f.launcherCpuLastMinute(), f.launcherCpuLastMinute() / 60 * 100,
                f.osquerydCpuLastMinute(), f.osquerydCpuLastMinute() / 60 * 100));
        md.append(String.format(Locale.ROOT, "%nStart to osqueryd started: %.2f s; start to first check-in "
                + "(enrollment, after osqueryd is up and the extension registered): %.2f s. Launcher RSS target "
                + "≤ 100 MB: %s. A live query to this launcher after the idle period: answered in %.3f s.%n%n",
                f.startToOsqueryd(), f.startToEnrolled(), f.launcherRss() <= 100_000_000 ? "met" : "**not met**",
                f.liveQuery().last()));
    }
}
