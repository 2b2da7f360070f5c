package dev.kolide.launcher.extension;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.run.Actor;
import dev.kolide.launcher.enroll.NodeKeys;
import dev.kolide.launcher.enroll.Querier;
import dev.kolide.launcher.runtime.OsqueryNotRunningException;
import dev.kolide.launcher.service.DistributedQuery;
import dev.kolide.launcher.service.KolideService;
import dev.kolide.launcher.service.NodeInvalidException;
import dev.kolide.launcher.service.PushUnsupportedException;
import dev.kolide.launcher.service.QueryPush;
import dev.kolide.launcher.service.QueryResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers live queries the moment the server pushes them: holds the server's {@code WatchQueries} stream open, runs
 * each pushed query through osqueryd's {@code query} call and publishes the result at once, instead of waiting for
 * osqueryd's next distributed read. Reconnects with back-off; with a server that has no such stream it stops and
 * distributed reads carry live queries as before.
 */
public final class InstantQueries implements Actor {
    private static final Logger LOG = LoggerFactory.getLogger(InstantQueries.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final QueryPush push;
    private final KolideService service;
    private final NodeKeys nodeKeys;
    private final Querier osquery;
    private final AnsweredLiveQueries answered;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile QueryPush.Stream current;

    public InstantQueries(QueryPush push, KolideService service, NodeKeys nodeKeys, Querier osquery,
            AnsweredLiveQueries answered) {
        this.push = requireNonNull(push, "push is null");
        this.service = requireNonNull(service, "service is null");
        this.nodeKeys = requireNonNull(nodeKeys, "nodeKeys is null");
        this.osquery = requireNonNull(osquery, "osquery is null");
        this.answered = requireNonNull(answered, "answered is null");
    }

    @Override
    public void execute() throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        while (stop.getCount() > 0) {
            String key = null;
            try {
                key = nodeKeys.nodeKey();
                try (QueryPush.Stream stream = push.watch(key)) {
                    current = stream;
                    if (stop.getCount() == 0) {
                        break;
                    }
                    Optional<List<DistributedQuery>> batch;
                    while ((batch = stream.next()).isPresent()) {
                        backoff = FIRST_BACKOFF;
                        if (!batch.get().isEmpty()) {
                            answer(batch.get());
                        }
                    }
                }
            } catch (PushUnsupportedException e) {
                LOG.atInfo().addKeyValue("reason", e.getMessage())
                        .log("live queries come with osqueryd's distributed reads only");
                stop.await();
                return;
            } catch (NodeInvalidException e) {
                if (key != null) {
                    nodeKeys.invalidate(key);
                }
                LOG.atDebug().addKeyValue("err", e.getMessage()).log("live-query stream: node key refused");
            } catch (RuntimeException e) {
                LOG.atDebug().addKeyValue("err", e.getMessage()).addKeyValue("retry_in", backoff)
                        .log("live-query stream ended");
            } finally {
                current = null;
            }
            if (stop.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
        }
    }

    @Override
    public void interrupt(Throwable cause) {
        stop.countDown();
        QueryPush.Stream stream = current;
        if (stream != null) {
            stream.close();
        }
    }

    private void answer(List<DistributedQuery> queries) {
        List<QueryResult> results = new ArrayList<>(queries.size());
        for (DistributedQuery query : queries) {
            // A query pushed again is answered again: the server asks when nobody received the first answer.
            try {
                List<Map<String, String>> rows = osquery.query(query.query());
                results.add(new QueryResult(query.id(), 0, rows));
            } catch (OsqueryNotRunningException e) {
                // osqueryd is restarting: the distributed read asks again once it is back.
                continue;
            } catch (RuntimeException e) {
                // osqueryd refused the SQL: status 1, as osquery reports it.
                results.add(new QueryResult(query.id(), 1, List.of()));
            }
        }
        if (results.isEmpty()) {
            return;
        }
        nodeKeys.call(key -> {
            service.publishResults(key, results);
            return null;
        });
        results.forEach(result -> answered.add(result.queryName()));
        LOG.atDebug().addKeyValue("queries", results.size()).log("answered pushed live queries");
    }
}
