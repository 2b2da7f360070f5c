package dev.kolide.launcher.store;

import dev.kolide.launcher.service.LogKind;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log buffer in the {@code logs} table. Per-kind counts are kept in memory (counting 500 000 rows per append would not do). */
final class SqliteLogBuffer implements LogBuffer {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteLogBuffer.class);

    private final Database database;
    private final LogBufferLimits limits;
    /** Guarded by the database's lock, and changed only after the transaction that justifies the change commits. */
    private final Map<LogKind, Long> counts = new EnumMap<>(LogKind.class);
    private final Map<LogKind, Long> dropped = new EnumMap<>(LogKind.class);

    SqliteLogBuffer(Database database, LogBufferLimits limits) {
        this.database = database;
        this.limits = limits;
        for (LogKind kind : LogKind.values()) {
            counts.put(kind, 0L);
            dropped.put(kind, 0L);
        }
        database.run("counting buffered logs", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT kind, count(*) FROM logs GROUP BY kind");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(LogKind.fromWireNumber(rows.getInt(1)), rows.getLong(2));
                }
            }
            return null;
        });
    }

    @Override
    public void append(LogKind kind, List<String> logs) {
        Objects.requireNonNull(kind, "kind");
        List<SizedLog> kept = new ArrayList<>(logs.size());
        int oversized = 0;
        for (String log : logs) {
            long bytes = log.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > limits.maxLogBytes()) {
                oversized++;
                LOG.warn("dropping a {} log of {} bytes: larger than the {}-byte limit", name(kind), bytes,
                        limits.maxLogBytes());
            } else {
                kept.add(new SizedLog(log, bytes));
            }
        }
        int droppedOversized = oversized;
        database.locked(() -> {
            addDropped(kind, droppedOversized);
            if (!kept.isEmpty()) {
                store(kind, kept);
            }
            return null;
        });
    }

    private void store(LogKind kind, List<SizedLog> logs) {
        long before = counts.get(kind);
        long excess = Math.max(0, before + logs.size() - limits.maxLogsPerKind());
        long trimmed = database.transaction("appending " + logs.size() + " " + name(kind) + " logs", connection -> {
            insert(connection, kind, logs);
            return excess == 0 ? 0L : deleteOldest(connection, kind, excess);
        });
        counts.put(kind, before + logs.size() - trimmed);
        if (trimmed > 0) {
            long total = addDropped(kind, trimmed);
            LOG.warn("dropped the {} oldest {} logs: over the buffer cap of {} ({} {} logs dropped since start)",
                    trimmed, name(kind), limits.maxLogsPerKind(), total, name(kind));
        }
    }

    private static void insert(Connection connection, LogKind kind, List<SizedLog> logs) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO logs (kind, bytes, body) VALUES (?, ?, ?)")) {
            for (SizedLog log : logs) {
                insert.setInt(1, kind.wireNumber());
                insert.setLong(2, log.bytes());
                insert.setString(3, log.body());
                insert.executeUpdate();
            }
        }
    }

    private static long deleteOldest(Connection connection, LogKind kind, long howMany) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM logs WHERE seq IN (SELECT seq FROM logs WHERE kind = ? ORDER BY seq LIMIT ?)")) {
            delete.setInt(1, kind.wireNumber());
            delete.setLong(2, howMany);
            return delete.executeUpdate();
        }
    }

    @Override
    public Optional<LogBatch> nextBatch(LogKind kind) {
        Objects.requireNonNull(kind, "kind");
        return database.run("reading the next batch of " + name(kind) + " logs", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT seq, bytes, body FROM logs WHERE kind = ? ORDER BY seq")) {
                select.setInt(1, kind.wireNumber());
                try (ResultSet rows = select.executeQuery()) {
                    return readBatch(kind, rows);
                }
            }
        });
    }

    private Optional<LogBatch> readBatch(LogKind kind, ResultSet rows) throws SQLException {
        List<String> logs = new ArrayList<>();
        long first = 0;
        long last = 0;
        long total = 0;
        while (rows.next()) {
            long bytes = rows.getLong(2);
            // The first log always goes, even one stored under an older, larger limit: it must be able to leave.
            if (!logs.isEmpty() && total + bytes > limits.maxBatchBytes()) {
                break;
            }
            last = rows.getLong(1);
            if (logs.isEmpty()) {
                first = last;
            }
            logs.add(rows.getString(3));
            total += bytes;
        }
        return logs.isEmpty() ? Optional.empty() : Optional.of(new LogBatch(kind, logs, first, last, total));
    }

    @Override
    public void acknowledge(LogBatch batch) {
        Objects.requireNonNull(batch, "batch");
        LogKind kind = batch.kind();
        database.locked(() -> {
            long deleted = database.transaction("deleting " + batch.logs().size() + " acknowledged " + name(kind)
                    + " logs", connection -> {
                        try (PreparedStatement delete = connection.prepareStatement(
                                "DELETE FROM logs WHERE kind = ? AND seq BETWEEN ? AND ?")) {
                            delete.setInt(1, kind.wireNumber());
                            delete.setLong(2, batch.firstSequence());
                            delete.setLong(3, batch.lastSequence());
                            return (long) delete.executeUpdate();
                        }
                    });
            counts.put(kind, counts.get(kind) - deleted);
            compactIfWorthIt();
            return null;
        });
    }

    /** After a batch leaves: shrink the file once a drained backlog has left a lot of it free. */
    private void compactIfWorthIt() {
        try {
            database.run("compacting after an acknowledged batch", connection -> {
                if (Compactor.worthCompacting(connection)) {
                    long pages = Compactor.compact(connection);
                    LOG.info("compacted {}: released {} free pages", database.path(), pages);
                }
                return null;
            });
        } catch (StoreException e) {
            // The batch is already deleted; failing the acknowledgement now would get it published twice.
            LOG.warn("{}", e.getMessage(), e);
        }
    }

    @Override
    public long count(LogKind kind) {
        Objects.requireNonNull(kind, "kind");
        return database.locked(() -> counts.get(kind));
    }

    @Override
    public void compact() {
        database.run("compacting", connection -> Compactor.compact(connection));
    }

    @Override
    public long dropped(LogKind kind) {
        Objects.requireNonNull(kind, "kind");
        return database.locked(() -> dropped.get(kind));
    }

    private long addDropped(LogKind kind, long howMany) {
        long total = dropped.get(kind) + howMany;
        dropped.put(kind, total);
        return total;
    }

    private static String name(LogKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** A log with its UTF-8 size, measured once. */
    private record SizedLog(String body, long bytes) {
    }
}
