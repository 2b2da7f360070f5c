package dev.kolide.fleet.datastore.mysql;

/**
 * Told of every SQL statement the datastore sends, after it ran (or failed): for counting statements per
 * request in tests and, later, for metrics. A batch counts once, as it travels in one round trip. Runs on the
 * calling thread, so it must be quick and thread-safe.
 */
@FunctionalInterface
public interface StatementListener {

    /** Ignores every statement. */
    StatementListener NONE = sql -> {};

    /** {@code sql} was sent, with its placeholders as written (values are never passed here). */
    void executed(String sql);
}
