package dev.kolide.osquery.lite.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/** The config's decorator queries: run at load, before every result log ("always"), or every N seconds. */
public record Decorators(List<String> load, List<String> always, Map<Long, List<String>> interval) {
    public Decorators {
        load = List.copyOf(requireNonNull(load, "load is null"));
        always = List.copyOf(requireNonNull(always, "always is null"));
        interval = Map.copyOf(requireNonNull(interval, "interval is null"));
    }

    public static Decorators none() {
        return new Decorators(List.of(), List.of(), Map.of());
    }
}
