package dev.kolide.osquery.lite.schedule;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.lite.config.OsqueryConfig;
import dev.kolide.osquery.lite.config.ScheduledQuery;
import dev.kolide.osquery.lite.logs.LogDispatcher;
import dev.kolide.osquery.lite.logs.StatusLine;
import dev.kolide.osquery.lite.sql.QueryException;
import dev.kolide.osquery.lite.sql.QueryResult;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the schedule as osqueryd does: {@link #tick()} every second; a query runs in the seconds of the Unix clock
 * that its (splayed) interval divides, so intervals line up with the wall clock. Differential queries keep their
 * last rows in memory and log what was added and removed (the first run logs every row as added, counter 0);
 * snapshot queries log all rows each time. Decorations come from the config's load, always and interval
 * decorators; a failed query becomes an error status log.
 */
public final class Scheduler {
    /** After a stall (a slow query, a suspended machine), seconds older than this are not caught up. */
    static final long MAX_CATCH_UP_SECONDS = 60;

    private final Logger log = LoggerFactory.getLogger(Scheduler.class);
    private final QueryRunner queries;
    private final LogDispatcher logs;
    private final ResultLogFormat format;
    private final Clock clock;
    private final Random random;
    private final Supplier<String> hostIdentifier;
    private final long epoch;
    private final int splayPercent;

    private OsqueryConfig config = OsqueryConfig.empty();
    private final Map<String, Long> splayed = new HashMap<>();
    private final Map<String, QueryState> states = new HashMap<>();
    private final Map<String, String> loadDecorations = new LinkedHashMap<>();
    private final Map<String, String> intervalDecorations = new LinkedHashMap<>();
    private long lastSecond;

    /** Runs SQL. */
    @FunctionalInterface
    public interface QueryRunner {
        QueryResult query(String sql) throws QueryException;
    }

    private static final class QueryState {
        final String sql;
        List<Map<String, String>> previous;
        long counter;

        QueryState(String sql) {
            this.sql = sql;
        }
    }

    public Scheduler(QueryRunner queries, LogDispatcher logs, ResultLogFormat format, Clock clock, Random random,
            Supplier<String> hostIdentifier, long epoch, int splayPercent) {
        this.queries = requireNonNull(queries, "queries is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.format = requireNonNull(format, "format is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.random = requireNonNull(random, "random is null");
        this.hostIdentifier = requireNonNull(hostIdentifier, "hostIdentifier is null");
        this.epoch = epoch;
        this.splayPercent = splayPercent;
    }

    /** Takes a new config: keeps the state of queries whose SQL did not change, runs the load decorators. */
    public synchronized void apply(OsqueryConfig next) {
        requireNonNull(next, "next is null");
        Map<String, Long> keptSplay = new HashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (ScheduledQuery query : next.schedule()) {
            names.add(query.name());
            QueryState state = states.get(query.name());
            if (state != null && !state.sql.equals(query.sql())) {
                states.remove(query.name()); // a changed query starts over
            }
            Long splay = splayed.get(query.name());
            ScheduledQuery old = find(config, query.name());
            keptSplay.put(query.name(), splay != null && old != null && old.interval() == query.interval()
                    ? splay : splay(query.interval()));
        }
        states.keySet().retainAll(names);
        splayed.clear();
        splayed.putAll(keptSplay);
        config = next;
        loadDecorations.clear();
        loadDecorations.putAll(decorate(next.decorators().load()));
        intervalDecorations.clear();
        next.decorators().interval().values().forEach(sqls -> intervalDecorations.putAll(decorate(sqls)));
    }

    private static ScheduledQuery find(OsqueryConfig config, String name) {
        for (ScheduledQuery query : config.schedule()) {
            if (query.name().equals(name)) {
                return query;
            }
        }
        return null;
    }

    /** osquery's splay: a random interval within ± percent of the original, at least 1 s. */
    long splay(long interval) {
        if (splayPercent <= 0 || splayPercent > 100) {
            return interval;
        }
        long difference = (long) (interval * (splayPercent / 100.0));
        long max = interval + difference;
        long min = Math.max(1, interval - difference);
        return max <= min ? max : min + (long) (random.nextDouble() * (max - min + 1));
    }

    /** Runs what is due in the seconds since the last tick. */
    public synchronized void tick() {
        long now = clock.instant().getEpochSecond();
        if (lastSecond == 0) {
            lastSecond = now - 1;
        }
        long from = Math.max(lastSecond + 1, now - MAX_CATCH_UP_SECONDS + 1);
        Set<ScheduledQuery> due = new LinkedHashSet<>();
        Set<Long> dueDecorators = new LinkedHashSet<>();
        for (long second = from; second <= now; second++) {
            for (Long interval : config.decorators().interval().keySet()) {
                if (second % interval == 0) {
                    dueDecorators.add(interval);
                }
            }
            for (ScheduledQuery query : config.schedule()) {
                long interval = splayed.getOrDefault(query.name(), query.interval());
                if (second % interval == 0) {
                    due.add(query);
                }
            }
        }
        lastSecond = Math.max(lastSecond, now);
        for (Long interval : dueDecorators) {
            intervalDecorations.putAll(decorate(config.decorators().interval().get(interval)));
        }
        for (ScheduledQuery query : due) {
            run(query);
        }
    }

    /** Runs one scheduled query now and logs what it found. */
    public synchronized void run(ScheduledQuery query) {
        QueryResult result;
        try {
            result = queries.query(query.sql());
        } catch (QueryException e) {
            String message = "Error executing scheduled query " + query.name() + ": " + e.getMessage();
            log.warn(message);
            logs.status(StatusLine.ERROR, "scheduler.cpp", 0, message);
            return;
        }
        Map<String, String> types = new HashMap<>();
        for (int i = 0; i < result.columns().size(); i++) {
            types.put(result.columns().get(i), result.types().get(i));
        }
        Instant now = clock.instant();
        Map<String, String> decorations = new LinkedHashMap<>(loadDecorations);
        decorations.putAll(intervalDecorations);
        decorations.putAll(decorate(config.decorators().always()));

        if (query.snapshot()) {
            ResultLogFormat.Header header = new ResultLogFormat.Header(query.name(), hostIdentifier.get(), now, epoch,
                    0, decorations, types);
            logs.result(format.snapshot(header, result.rows()), true);
            return;
        }
        QueryState state = states.computeIfAbsent(query.name(), name -> new QueryState(query.sql()));
        Differential diff;
        if (state.previous == null) {
            diff = new Differential(result.rows(), List.of());
            state.counter = 0;
        } else {
            diff = Differential.between(state.previous, result.rows());
            state.counter++;
        }
        state.previous = result.rows();
        List<Map<String, String>> removed = query.removed() ? diff.removed() : List.of();
        if (diff.added().isEmpty() && removed.isEmpty()) {
            return;
        }
        ResultLogFormat.Header header = new ResultLogFormat.Header(query.name(), hostIdentifier.get(), now, epoch,
                state.counter, decorations, types);
        for (String line : format.differential(header, diff.added(), removed)) {
            logs.result(line, false);
        }
    }

    /** The first row of each decorator query, merged; a failing decorator is reported and skipped. */
    private Map<String, String> decorate(List<String> sqls) {
        Map<String, String> decorations = new LinkedHashMap<>();
        for (String sql : sqls) {
            try {
                List<Map<String, String>> rows = queries.query(sql).rows();
                if (!rows.isEmpty()) {
                    decorations.putAll(rows.get(0));
                }
            } catch (QueryException e) {
                String message = "Error running decorator query " + sql + ": " + e.getMessage();
                log.warn(message);
                logs.status(StatusLine.WARNING, "decorators.cpp", 0, message);
            }
        }
        return decorations;
    }
}
