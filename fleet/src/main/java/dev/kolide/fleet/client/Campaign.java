package dev.kolide.fleet.client;

/** A live-query campaign as {@code queries/run_by_names} answers it. */
public record Campaign(long id, Long queryId, String status) {}
