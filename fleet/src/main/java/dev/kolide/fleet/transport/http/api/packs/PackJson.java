package dev.kolide.fleet.transport.http.api.packs;

import dev.kolide.fleet.domain.Pack;
import dev.kolide.fleet.service.api.packs.PackDetails;
import java.time.Instant;
import java.util.List;

/** A pack as Kolide Fleet shows one: its fields, query count, hosts reached and targets. */
public record PackJson(
        Instant createdAt,
        Instant updatedAt,
        long id,
        String name,
        String description,
        String platform,
        boolean disabled,
        int queryCount,
        long totalHostsCount,
        List<Long> hostIds,
        List<Long> labelIds) {

    public static PackJson from(PackDetails details) {
        Pack p = details.pack();
        return new PackJson(p.createdAt(), p.updatedAt(), p.id(), p.name(), p.description(), p.platform(),
                p.disabled(), details.queryCount(), details.totalHostsCount(), details.hostIds(), details.labelIds());
    }
}
