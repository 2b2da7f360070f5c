package dev.kolide.fleet.service.api.packs;

/**
 * A scheduled query as a client sends it ({@code POST schedule}: pack, query and interval required; or
 * {@code PATCH schedule/{id}}, where null leaves a field as it is). Options null are "not set".
 */
public record ScheduleInput(
        Long packId,
        Long queryId,
        Integer interval,
        Boolean snapshot,
        Boolean removed,
        String platform,
        String version,
        Integer shard) {
}
