package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.AlreadyExistsException;
import dev.kolide.fleet.datastore.CarveStore;
import dev.kolide.fleet.datastore.ConflictException;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.CarveMetadata;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.NewCarve;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * File carving (fleetdm Fleet's design; Kolide Fleet had none): {@link #begin} checks what osquery announces and
 * records the carve with a random session id; {@link #block} authenticates each block by session id and request
 * id, and stores it in the database if it is the next one and has the size the announcement implies, so that
 * the blocks put together are exactly {@code carve_size} bytes. The REST API reads them back through
 * {@link CarveStore#openContent}.
 *
 * <p>Limits: a block is at most {@value #MAX_BLOCK_SIZE} bytes (8 MiB; fleetdm allowed 256 MB, but a block
 * travels in one INSERT and MariaDB's default max_allowed_packet is 16 MiB); a carve at most 8 GiB.
 */
final class Carver {
    static final long MAX_BLOCK_SIZE = 8L * 1024 * 1024;
    static final long MAX_CARVE_SIZE = 8L * 1024 * 1024 * 1024;
    /** carve_metadata.carve_id's length. */
    static final int MAX_CARVE_ID = 64;
    /** Kept well under carve_metadata.request_id's 255, because the carve's name includes it. */
    static final int MAX_REQUEST_ID = 128;
    private static final int SESSION_ID_BYTES = 32;
    private static final int NAME_HOST_PART = 100;

    private final CarveStore carves;
    private final SecureRandom random;
    private final Clock clock;

    Carver(CarveStore carves, SecureRandom random, Clock clock) {
        this.carves = requireNonNull(carves, "carves is null");
        this.random = requireNonNull(random, "random is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    CarveSession begin(Host host, CarveBegin request) {
        requireNonNull(request, "request is null");
        validate(request);
        byte[] bytes = new byte[SESSION_ID_BYTES];
        random.nextBytes(bytes);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String hostName = host.inventory().hostname().isEmpty() ? host.osqueryHostId() : host.inventory().hostname();
        if (hostName.length() > NAME_HOST_PART) {
            hostName = hostName.substring(0, NAME_HOST_PART);
        }
        // fleetdm's name: who, when, which request.
        String name = hostName + "-" + now + "-" + request.requestId();
        try {
            CarveMetadata carve = carves.create(new NewCarve(host.id(), name, request.blockCount(),
                    request.blockSize(), request.carveSize(), request.carveId(), request.requestId(), sessionId));
            return new CarveSession(carve.id(), sessionId);
        } catch (AlreadyExistsException e) {
            throw new InvalidOsqueryRequestException("a carve named " + name + " already exists", e);
        }
    }

    private static void validate(CarveBegin request) {
        if (request.blockCount() < 1) {
            throw new InvalidOsqueryRequestException("block_count must be at least 1");
        }
        if (request.blockSize() < 1 || request.blockSize() > MAX_BLOCK_SIZE) {
            throw new InvalidOsqueryRequestException("block_size must be 1 to " + MAX_BLOCK_SIZE + " bytes");
        }
        if (request.carveSize() < 1 || request.carveSize() > MAX_CARVE_SIZE) {
            throw new InvalidOsqueryRequestException("carve_size must be 1 to " + MAX_CARVE_SIZE + " bytes");
        }
        // Each block holds at least a byte, which also keeps the products below from overflowing.
        if (request.blockCount() > request.carveSize()
                || request.carveSize() <= (request.blockCount() - 1) * request.blockSize()
                || request.carveSize() > request.blockCount() * request.blockSize()) {
            throw new InvalidOsqueryRequestException("carve_size does not match block_size and block_count");
        }
        if (request.carveId().isBlank() || request.carveId().length() > MAX_CARVE_ID) {
            throw new InvalidOsqueryRequestException("carve_id must be 1 to " + MAX_CARVE_ID + " characters");
        }
        if (request.requestId().isBlank() || request.requestId().length() > MAX_REQUEST_ID) {
            throw new InvalidOsqueryRequestException("request_id must be 1 to " + MAX_REQUEST_ID + " characters");
        }
    }

    void block(CarveBlock block) {
        requireNonNull(block, "block is null");
        if (block.sessionId().isEmpty()) {
            throw new CarveSessionException("session_id is missing");
        }
        CarveMetadata carve = carves.findBySessionId(block.sessionId())
                .orElseThrow(() -> new CarveSessionException("no carve has this session_id"));
        if (!MessageDigest.isEqual(block.requestId().getBytes(StandardCharsets.UTF_8),
                carve.requestId().getBytes(StandardCharsets.UTF_8))) {
            throw new CarveSessionException("request_id does not match the carve session");
        }
        if (carve.expired()) {
            throw new InvalidOsqueryRequestException("carve " + carve.name() + " has expired");
        }
        long blockId = block.blockId();
        if (blockId < 0 || blockId >= carve.blockCount()) {
            throw new InvalidOsqueryRequestException("block_id must be 0 to " + (carve.blockCount() - 1)
                    + ", got " + blockId);
        }
        if (blockId != carve.maxBlock() + 1) {
            throw new InvalidOsqueryRequestException("expected block " + (carve.maxBlock() + 1) + ", got block "
                    + blockId);
        }
        long expected = blockId < carve.blockCount() - 1 ? carve.blockSize()
                : carve.carveSize() - (carve.blockCount() - 1) * carve.blockSize();
        if (block.data().length != expected) {
            throw new InvalidOsqueryRequestException("block " + blockId + " must hold " + expected + " bytes, got "
                    + block.data().length);
        }
        try {
            carves.appendBlock(carve.id(), blockId, block.data());
        } catch (NotFoundException e) {
            throw new CarveSessionException("no carve has this session_id");
        } catch (ConflictException e) {
            // Another upload of the same block won the race, or the carve expired meanwhile.
            throw new InvalidOsqueryRequestException(e.getMessage(), e);
        }
    }
}
