package dev.kolide.fleet.datastore.mysql;

import static dev.kolide.fleet.datastore.mysql.Db.quote;
import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.CarveStore;
import dev.kolide.fleet.datastore.ConflictException;
import dev.kolide.fleet.datastore.DatastoreException;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.CarveMetadata;
import dev.kolide.fleet.domain.NewCarve;
import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link CarveStore} in SQL: carve_metadata, and carve_blocks keyed by (carve, block id). */
final class MysqlCarveStore implements CarveStore {
    private static final String COLUMNS = "c.id, c.created_at, c.host_id, c.name, c.block_count, c.block_size,"
            + " c.carve_size, c.carve_id, c.request_id, c.session_id, c.expired, c.max_block";
    private static final Map<String, String> ORDER_KEYS = Map.of("name", "c.name", "created_at", "c.created_at");

    private final Db db;
    private final Clock clock;

    MysqlCarveStore(Db db, Clock clock) {
        this.db = requireNonNull(db, "db is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public CarveMetadata create(NewCarve carve) {
        requireNonNull(carve, "carve is null");
        return db.call("recording carve " + quote(carve.name()),
                () -> "a carve named " + quote(carve.name()) + " or with this session id already exists", h -> {
            long id = h.createUpdate("""
                            INSERT INTO carve_metadata (created_at, host_id, name, block_count, block_size, carve_size,
                                                        carve_id, request_id, session_id, expired, max_block)
                            VALUES (:now, :hostId, :name, :blockCount, :blockSize, :carveSize, :carveId, :requestId,
                                    :sessionId, FALSE, -1)""")
                    .bind("now", clock.instant())
                    .bind("hostId", carve.hostId())
                    .bind("name", carve.name())
                    .bind("blockCount", carve.blockCount())
                    .bind("blockSize", carve.blockSize())
                    .bind("carveSize", carve.carveSize())
                    .bind("carveId", carve.carveId())
                    .bind("requestId", carve.requestId())
                    .bind("sessionId", carve.sessionId())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            return find(h, id).orElseThrow();
        });
    }

    @Override
    public Optional<CarveMetadata> find(long id) {
        return db.call("finding carve " + id, h -> find(h, id));
    }

    private static Optional<CarveMetadata> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM carve_metadata c WHERE c.id = :id")
                .bind("id", id)
                .map(MysqlCarveStore::map)
                .findOne();
    }

    @Override
    public Optional<CarveMetadata> findBySessionId(String sessionId) {
        requireNonNull(sessionId, "sessionId is null");
        return db.call("finding a carve by session id", h ->
                h.createQuery("SELECT " + COLUMNS + " FROM carve_metadata c WHERE c.session_id = :sessionId")
                        .bind("sessionId", sessionId)
                        .map(MysqlCarveStore::map)
                        .findOne());
    }

    @Override
    public Optional<CarveMetadata> findByName(String name) {
        requireNonNull(name, "name is null");
        return db.call("finding carve " + quote(name), h ->
                h.createQuery("SELECT " + COLUMNS + " FROM carve_metadata c WHERE c.name = :name")
                        .bind("name", name)
                        .map(MysqlCarveStore::map)
                        .findOne());
    }

    @Override
    public List<CarveMetadata> list(ListOptions options) {
        requireNonNull(options, "options is null");
        String orderBy = Ordering.orderBy(options, ORDER_KEYS, "c.id", "carves");
        return db.call("listing carves", h ->
                h.createQuery("SELECT " + COLUMNS + " FROM carve_metadata c " + orderBy + " LIMIT :limit OFFSET :offset")
                        .bind("limit", options.limit())
                        .bind("offset", options.offset())
                        .map(MysqlCarveStore::map)
                        .list());
    }

    @Override
    public void appendBlock(long carveId, long blockId, byte[] data) {
        requireNonNull(data, "data is null");
        db.transaction("storing block " + blockId + " of carve " + carveId,
                () -> "block " + blockId + " of carve " + carveId + " was already stored", h -> {
            // The guarded UPDATE both checks the sequence and locks the carve's row, so two uploads of the same
            // block cannot both pass.
            int advanced = h.createUpdate("""
                            UPDATE carve_metadata SET max_block = :blockId
                            WHERE id = :carveId AND max_block = :previous AND block_count > :blockId
                              AND expired = FALSE""")
                    .bind("carveId", carveId)
                    .bind("blockId", blockId)
                    .bind("previous", blockId - 1)
                    .execute();
            if (advanced == 0) {
                throw rejection(h, carveId, blockId);
            }
            h.createUpdate("INSERT INTO carve_blocks (metadata_id, block_id, data) VALUES (:carveId, :blockId, :data)")
                    .bind("carveId", carveId)
                    .bind("blockId", blockId)
                    .bind("data", data)
                    .execute();
            return null;
        });
    }

    /** Why block {@code blockId} was refused. */
    private static RuntimeException rejection(Handle h, long carveId, long blockId) {
        CarveMetadata carve = find(h, carveId).orElse(null);
        if (carve == null) {
            return NotFoundException.of("carve", carveId);
        }
        if (carve.expired()) {
            return new ConflictException("carve " + quote(carve.name()) + " has expired");
        }
        if (blockId >= carve.blockCount()) {
            return new ConflictException("carve " + quote(carve.name()) + " has " + carve.blockCount()
                    + " blocks; block " + blockId + " is beyond them");
        }
        return new ConflictException("carve " + quote(carve.name()) + " expects block " + (carve.maxBlock() + 1)
                + ", got block " + blockId);
    }

    @Override
    public InputStream openContent(long carveId) {
        CarveMetadata carve = find(carveId).orElseThrow(() -> NotFoundException.of("carve", carveId));
        if (carve.expired()) {
            throw new ConflictException("carve " + quote(carve.name()) + " has expired");
        }
        return new Content(carve);
    }

    @Override
    public int expireCreatedBefore(Instant cutoff) {
        requireNonNull(cutoff, "cutoff is null");
        return db.transaction("expiring carves created before " + cutoff, h -> {
            h.createUpdate("DELETE FROM carve_blocks WHERE metadata_id IN"
                            + " (SELECT id FROM carve_metadata WHERE created_at < :cutoff AND expired = FALSE)")
                    .bind("cutoff", cutoff)
                    .execute();
            return h.createUpdate("UPDATE carve_metadata SET expired = TRUE WHERE created_at < :cutoff"
                            + " AND expired = FALSE")
                    .bind("cutoff", cutoff)
                    .execute();
        });
    }

    private byte[] block(long carveId, long blockId) throws IOException {
        try {
            Optional<byte[]> data = db.call("reading block " + blockId + " of carve " + carveId, h ->
                    h.createQuery("SELECT data FROM carve_blocks WHERE metadata_id = :carveId AND block_id = :blockId")
                            .bind("carveId", carveId)
                            .bind("blockId", blockId)
                            .map((rs, ctx) -> rs.getBytes("data"))
                            .findOne());
            return data.orElseThrow(() -> new IOException("block " + blockId + " of carve " + carveId
                    + " is missing (the carve expired while being read)"));
        } catch (DatastoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Blocks 0 .. maxBlock (as of opening), fetched one at a time as they are read. */
    private final class Content extends InputStream {
        private final long carveId;
        private final long lastBlock;
        private long nextBlock;
        private byte[] current = new byte[0];
        private int position;
        private boolean closed;

        Content(CarveMetadata carve) {
            this.carveId = carve.id();
            this.lastBlock = carve.maxBlock();
        }

        /** Makes sure there is something left in {@code current}; false at the end. */
        private boolean fill() throws IOException {
            if (closed) {
                throw new IOException("carve " + carveId + " content is closed");
            }
            while (position == current.length) {
                if (nextBlock > lastBlock) {
                    return false;
                }
                current = block(carveId, nextBlock++);
                position = 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? current[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
            current = new byte[0];
            position = 0;
        }
    }

    private static CarveMetadata map(ResultSet rs, StatementContext context) throws SQLException {
        return new CarveMetadata(
                rs.getLong("id"),
                rs.getLong("host_id"),
                rs.getString("name"),
                rs.getLong("block_count"),
                rs.getLong("block_size"),
                rs.getLong("carve_size"),
                rs.getString("carve_id"),
                rs.getString("request_id"),
                rs.getString("session_id"),
                Columns.instant(rs, "created_at"),
                rs.getBoolean("expired"),
                rs.getLong("max_block"));
    }
}
