package dev.kolide.osquery.lite.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/** The merged config osqueryd-lite acts on: the schedule (with packs expanded), decorators, options and a hash. */
public record OsqueryConfig(List<ScheduledQuery> schedule, Decorators decorators, Map<String, String> options,
        String hash) {
    public OsqueryConfig {
        schedule = List.copyOf(requireNonNull(schedule, "schedule is null"));
        requireNonNull(decorators, "decorators is null");
        options = Map.copyOf(requireNonNull(options, "options is null"));
        requireNonNull(hash, "hash is null");
    }

    /** Before any config arrives. */
    public static OsqueryConfig empty() {
        return new OsqueryConfig(List.of(), Decorators.none(), Map.of(), "");
    }
}
