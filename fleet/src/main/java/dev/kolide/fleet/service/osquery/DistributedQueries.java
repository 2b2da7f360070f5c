package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a host should run now.
 *
 * @param queries query name ({@link QueryNames} prefix + suffix) → SQL, sorted by name
 * @param accelerateSeconds when positive, asks osquery to check in every second for this long (hosts that just
 *     enrolled, so that their details and platform labels arrive quickly); 0 otherwise
 */
public record DistributedQueries(Map<String, String> queries, int accelerateSeconds) {

    public DistributedQueries {
        queries = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(queries, "queries is null")));
        if (accelerateSeconds < 0) {
            throw new IllegalArgumentException("accelerate must not be negative: " + accelerateSeconds);
        }
    }
}
