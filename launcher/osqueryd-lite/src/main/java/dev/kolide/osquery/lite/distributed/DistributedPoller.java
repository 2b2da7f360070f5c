package dev.kolide.osquery.lite.distributed;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.osquery.lite.logs.PluginCaller;
import dev.kolide.osquery.lite.schedule.Scheduler.QueryRunner;
import dev.kolide.osquery.lite.sql.QueryException;
import dev.kolide.osquery.lite.sql.QueryResult;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.plugin.DistributedQueries;
import dev.kolide.osquery.sdk.plugin.DistributedResult;
import dev.kolide.osquery.sdk.plugin.Registries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * osqueryd's distributed loop, one round per {@link #poll()}: ask the {@code --distributed_plugin} for queries
 * ({@code getQueries}), run those whose discovery query (if any) returns a row, and hand back rows, statuses
 * (0 ok, 1 error), error messages and timing stats with {@code writeResults}. An {@code accelerate} answer makes
 * {@link #nextDelay()} short for that many seconds.
 */
public final class DistributedPoller {
    /** How often to poll while accelerated. */
    static final Duration ACCELERATED_INTERVAL = Duration.ofSeconds(2);

    private final Logger log = LoggerFactory.getLogger(DistributedPoller.class);
    private final String plugin;
    private final PluginCaller plugins;
    private final QueryRunner queries;
    private final Clock clock;
    private Duration interval;
    private final ObjectMapper json;
    private Instant acceleratedUntil = Instant.MIN;

    public DistributedPoller(String plugin, PluginCaller plugins, QueryRunner queries, Clock clock, Duration interval,
            ObjectMapper json) {
        this.plugin = requireNonNull(plugin, "plugin is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** Changes the poll interval, as a config's {@code distributed_interval} option does in osqueryd. */
    public synchronized void setInterval(Duration interval) {
        requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("distributed interval must be positive, not " + interval);
        }
        this.interval = interval;
    }

    /** The wait before the next poll. */
    public synchronized Duration nextDelay() {
        if (clock.instant().isBefore(acceleratedUntil) && ACCELERATED_INTERVAL.compareTo(interval) < 0) {
            return ACCELERATED_INTERVAL;
        }
        return interval;
    }

    /**
     * One round: get, run, write. Returns how many queries ran.
     *
     * @throws DistributedException when the plugin cannot be asked or refuses the results
     */
    public int poll() throws DistributedException {
        ExtensionResponse response = plugins.call(Registries.DISTRIBUTED, plugin, Map.of("action", "getQueries"));
        if (!response.isOk()) {
            throw new DistributedException("getting distributed queries from " + plugin + ": "
                    + response.status().message());
        }
        if (response.response().isEmpty()) {
            return 0;
        }
        DistributedQueries next;
        try {
            next = DistributedQueries.parse(response.response().get(0).getOrDefault("results", ""), json);
        } catch (IllegalArgumentException e) {
            throw new DistributedException("reading distributed queries from " + plugin + ": " + e.getMessage(), e);
        }
        if (next.accelerate() > 0) {
            synchronized (this) {
                acceleratedUntil = clock.instant().plusSeconds(next.accelerate());
            }
        }
        if (next.queries().isEmpty()) {
            return 0;
        }
        List<DistributedResult> results = new ArrayList<>();
        Map<String, Map<String, Long>> stats = new LinkedHashMap<>();
        for (Map.Entry<String, String> query : next.queries().entrySet()) {
            String name = query.getKey();
            String discovery = next.discovery().get(name);
            if (discovery != null && !discovered(name, discovery)) {
                continue;
            }
            long started = System.nanoTime();
            try {
                QueryResult result = queries.query(query.getValue());
                results.add(DistributedResult.ok(name, result.rows()));
            } catch (QueryException e) {
                results.add(DistributedResult.failed(name, e.getMessage()));
            }
            Map<String, Long> stat = new LinkedHashMap<>();
            stat.put("wall_time_ms", (System.nanoTime() - started) / 1_000_000);
            stat.put("user_time", 0L);
            stat.put("system_time", 0L);
            stat.put("memory", 0L);
            stats.put(name, stat);
        }
        if (results.isEmpty()) {
            return 0;
        }
        String body = DistributedResult.toJson(results, stats, json);
        ExtensionResponse written = plugins.call(Registries.DISTRIBUTED, plugin,
                Map.of("action", "writeResults", "results", body));
        if (!written.isOk()) {
            throw new DistributedException("writing " + results.size() + " distributed results to " + plugin + ": "
                    + written.status().message());
        }
        return results.size();
    }

    private boolean discovered(String name, String discovery) {
        try {
            return !queries.query(discovery).rows().isEmpty();
        } catch (QueryException e) {
            log.warn("discovery query of distributed query {} failed: {}", name, e.getMessage());
            return false;
        }
    }
}
