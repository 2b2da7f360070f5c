package dev.kolide.fleet.transport.http.api.packs;

import dev.kolide.fleet.domain.Pack;
import java.time.Instant;

/** A pack's own fields, as a query's {@code packs} list shows them. */
public record PackBaseJson(
        Instant createdAt, Instant updatedAt, long id, String name, String description, String platform,
        boolean disabled) {

    public static PackBaseJson from(Pack pack) {
        return new PackBaseJson(pack.createdAt(), pack.updatedAt(), pack.id(), pack.name(), pack.description(),
                pack.platform(), pack.disabled());
    }
}
