package dev.kolide.fleet.datastore;

import dev.kolide.fleet.domain.HostPack;
import dev.kolide.fleet.domain.NewPack;
import dev.kolide.fleet.domain.Pack;
import dev.kolide.fleet.domain.PackTarget;
import dev.kolide.fleet.domain.TargetType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Packs, their targets, and the packs that apply to a host. Deleting a pack deletes its targets and scheduled
 * queries. Targets name labels or hosts by id without a foreign key: deleting a label or host removes its
 * targets.
 *
 * <p>List order keys: {@code id}, {@code name}, {@code created_at}, {@code updated_at}.
 */
public interface PackStore {

    Pack create(NewPack pack);

    /** Creates the pack, or replaces the fields of the one with the same name (fleetctl apply). */
    Pack upsert(NewPack pack);

    Pack update(long id, NewPack pack);

    Optional<Pack> find(long id);

    Optional<Pack> findByName(String name);

    List<Pack> list(ListOptions options);

    void delete(long id);

    void deleteByName(String name);

    /** Adds a target; adding one twice is a no-op. NotFoundException for an unknown pack. */
    PackTarget addTarget(long packId, TargetType type, long targetId);

    /** Removes a target if present. */
    void removeTarget(long packId, TargetType type, long targetId);

    List<PackTarget> listTargets(long packId);

    /** Makes these labels and hosts the pack's only targets, in one transaction. */
    void replaceTargets(long packId, Set<Long> labelIds, Set<Long> hostIds);

    /**
     * The enabled packs that target the host directly or through one of its labels, by name, each with its
     * scheduled queries by name (a pack without queries comes with an empty list). One statement: this feeds
     * config assembly at every config fetch.
     */
    List<HostPack> packsForHost(long hostId);

    /**
     * Every enabled pack with its scheduled queries, by name, as {@link #packsForHost} returns them but for all
     * hosts. One statement: with {@link #listAllTargets()} it lets a fleet node assemble any host's config from
     * memory, reloading both every few seconds whatever the number of hosts.
     */
    List<HostPack> listEnabledWithQueries();

    /** The targets of every pack, by pack id, then type and target id. One statement. */
    List<PackTarget> listAllTargets();
}
