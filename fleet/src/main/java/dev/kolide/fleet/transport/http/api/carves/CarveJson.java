package dev.kolide.fleet.transport.http.api.carves;

import dev.kolide.fleet.domain.CarveMetadata;
import java.time.Instant;

/**
 * A carve as fleetdm Fleet shows one, without the session id: that secret authenticates block uploads and has
 * no use to a person.
 */
public record CarveJson(
        long id,
        Instant createdAt,
        long hostId,
        String name,
        long blockCount,
        long blockSize,
        long carveSize,
        String carveId,
        String requestId,
        boolean expired,
        long maxBlock) {

    public static CarveJson from(CarveMetadata carve) {
        return new CarveJson(carve.id(), carve.createdAt(), carve.hostId(), carve.name(), carve.blockCount(),
                carve.blockSize(), carve.carveSize(), carve.carveId(), carve.requestId(), carve.expired(),
                carve.maxBlock());
    }
}
