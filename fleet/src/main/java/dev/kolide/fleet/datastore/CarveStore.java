package dev.kolide.fleet.datastore;

import dev.kolide.fleet.domain.CarveMetadata;
import dev.kolide.fleet.domain.NewCarve;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * File carves: metadata and the blocks osquery uploads. Blocks must arrive in sequence (0, 1, 2 ...); the store
 * enforces it atomically, so concurrent or replayed uploads cannot leave holes.
 *
 * <p>List order keys: {@code id}, {@code name}, {@code created_at}.
 */
public interface CarveStore {

    /** AlreadyExistsException when the session id or name is taken. */
    CarveMetadata create(NewCarve carve);

    Optional<CarveMetadata> find(long id);

    /** The carve a block upload belongs to: its session id authenticates the upload. */
    Optional<CarveMetadata> findBySessionId(String sessionId);

    Optional<CarveMetadata> findByName(String name);

    /** Every carve, expired ones included. */
    List<CarveMetadata> list(ListOptions options);

    /**
     * Stores block {@code blockId}, which must be the next one (max_block + 1) and below the block count.
     * NotFoundException for an unknown carve; ConflictException when out of sequence, beyond the announced
     * blocks or expired. One transaction: a guarded UPDATE of max_block, then the INSERT.
     *
     * @param data the decoded block; the service checks its size against the carve's block size
     */
    void appendBlock(long carveId, long blockId, byte[] data);

    /**
     * The carve's content: blocks 0 .. max_block concatenated, read lazily one block (one statement) at a time,
     * so a large carve holds neither a connection nor more than one block in memory. NotFoundException for an
     * unknown carve, ConflictException for an expired one. Close the stream when done.
     */
    InputStream openContent(long carveId);

    /**
     * Expires carves created before {@code cutoff}: deletes their blocks and marks them expired.
     *
     * @return how many carves expired
     */
    int expireCreatedBefore(Instant cutoff);
}
