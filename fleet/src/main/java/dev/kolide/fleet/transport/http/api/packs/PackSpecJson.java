package dev.kolide.fleet.transport.http.api.packs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kolide.fleet.service.api.packs.PackSpec;
import dev.kolide.fleet.service.api.packs.PackSpecQuery;
import java.util.List;

/**
 * A pack spec as fleetctl sends and prints it (the JSON of {@code kind: pack}'s {@code spec}). Unset options are
 * left out, as Kolide's {@code omitempty} did.
 */
public record PackSpecJson(
        Long id,
        String name,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String description,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String platform,
        Boolean disabled,
        Targets targets,
        List<Query> queries) {

    /** The labels a pack targets, by name. */
    public record Targets(List<String> labels) {}

    /** A query of the pack: {@code query} names a saved query, {@code name} is its name in the pack. */
    public record Query(
            String query,
            String name,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String description,
            Integer interval,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean snapshot,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean removed,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer shard,
            @JsonInclude(JsonInclude.Include.NON_NULL) String platform,
            @JsonInclude(JsonInclude.Include.NON_NULL) String version) {}

    public static PackSpecJson from(PackSpec spec) {
        return new PackSpecJson(spec.id(), spec.name(), spec.description(), spec.platform(), spec.disabled(),
                new Targets(spec.targetLabels()),
                spec.queries().stream().map(q -> new Query(q.query(), q.name(), q.description(), q.interval(),
                        q.snapshot(), q.removed(), q.shard(), q.platform(), q.version())).toList());
    }

    /** The service's form; {@code id} is ignored on input. A null query is passed on for the service to refuse. */
    public PackSpec toSpec() {
        List<PackSpecQuery> specQueries = queries == null ? null : queries.stream()
                .map(q -> q == null ? null : new PackSpecQuery(q.query(), q.name(), q.description(), q.interval(),
                        q.snapshot(), q.removed(), q.platform(), q.version(), q.shard()))
                .toList();
        return new PackSpec(null, name, description, platform, disabled, targets == null ? null : targets.labels(),
                specQueries);
    }
}
