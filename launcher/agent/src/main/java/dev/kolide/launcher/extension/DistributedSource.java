package dev.kolide.launcher.extension;

import static java.util.Objects.requireNonNull;

import dev.kolide.launcher.enroll.NodeKeys;
import dev.kolide.launcher.service.DistributedQuery;
import dev.kolide.launcher.service.KolideService;
import dev.kolide.launcher.service.QueryResult;
import dev.kolide.osquery.sdk.plugin.DistributedQueries;
import dev.kolide.osquery.sdk.plugin.DistributedResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code kolide_grpc} distributed plugin's source: the server's queries in, the answers out. */
public final class DistributedSource {
    private final KolideService service;
    private final NodeKeys nodeKeys;
    private final AnsweredLiveQueries answered;

    public DistributedSource(KolideService service, NodeKeys nodeKeys) {
        this(service, nodeKeys, new AnsweredLiveQueries());
    }

    /** @param answered live queries already answered from the server's push: not run again */
    public DistributedSource(KolideService service, NodeKeys nodeKeys, AnsweredLiveQueries answered) {
        this.service = requireNonNull(service, "service is null");
        this.nodeKeys = requireNonNull(nodeKeys, "nodeKeys is null");
        this.answered = requireNonNull(answered, "answered is null");
    }

    /** The queries the server wants run now, by name. */
    public DistributedQueries queries() {
        List<DistributedQuery> queries = nodeKeys.call(service::requestQueries);
        Map<String, String> byName = new LinkedHashMap<>();
        for (DistributedQuery query : queries) {
            if (!answered.contains(query.id())) {
                byName.put(query.id(), query.query());
            }
        }
        return DistributedQueries.of(byName);
    }

    /** Hands osqueryd's answers to the server. */
    public void write(List<DistributedResult> results) {
        List<QueryResult> converted = new ArrayList<>(results.size());
        for (DistributedResult result : results) {
            converted.add(new QueryResult(result.queryName(), result.status(), result.rows()));
        }
        nodeKeys.call(key -> {
            service.publishResults(key, converted);
            return null;
        });
    }
}
