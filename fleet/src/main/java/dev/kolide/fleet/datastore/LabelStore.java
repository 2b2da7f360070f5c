package dev.kolide.fleet.datastore;

import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.NewLabel;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Labels and their members. The built-in labels (All Hosts, macOS, Ubuntu Linux, CentOS Linux, MS Windows) are
 * seeded by a migration and refuse changes and deletion with {@link ConflictException}.
 *
 * <p>List order keys: {@code id}, {@code name}, {@code created_at}, {@code updated_at}.
 */
public interface LabelStore {

    /** Creates a regular label; AlreadyExistsException when the name is taken. */
    Label create(NewLabel label);

    /**
     * Creates the label, or replaces the one with the same name (fleetctl apply). ConflictException for a built-in
     * label's name.
     */
    Label upsert(NewLabel label);

    /** Replaces a label's fields; moves its updated_at so hosts re-run it. */
    Label update(long id, NewLabel label);

    Optional<Label> find(long id);

    Optional<Label> findByName(String name);

    List<Label> list(ListOptions options);

    /** Deletes a regular label with its memberships and the pack and campaign targets naming it. */
    void delete(long id);

    void deleteByName(String name);

    /**
     * The dynamic label queries a host should run now: label id → SQL, for labels of the host's platform and of
     * every platform ({@code platform = ''}). When the host's label results are stale
     * ({@code host.labelUpdatedAt()} before {@code staleBefore}) that is all of them; otherwise only those
     * created or changed since the host's last results (usually none). One statement.
     */
    Map<Long, String> queriesForHost(Host host, Instant staleBefore);

    /**
     * Records a host's answers to label queries (label id → member or not) in one transaction: upserts the
     * memberships, deletes the non-memberships among the labels answered (others are left alone), and sets the
     * host's label_updated_at. Ids of labels deleted in the meantime are ignored. At most three statements.
     *
     * @param updatedAt becomes the host's label_updated_at. A label changed after the host read its queries but
     *     before this time is not re-sent until the host's results go stale, so pass the time the queries were
     *     handed out when the service knows it.
     */
    void recordResults(long hostId, Map<Long, Boolean> results, Instant updatedAt);

    /**
     * Replaces the members of a manual label; unknown host ids are ignored. ConflictException for a dynamic
     * label, whose members come from its query.
     */
    void setManualMembers(long labelId, Collection<Long> hostIds);

    /** The labels a host belongs to, by id. */
    List<Label> listForHost(long hostId);

    /**
     * The labels of each of these hosts, by label id: host id → labels, with an entry (maybe empty) for every
     * id asked about. One statement per 500 hosts, for host lists that show each host's labels.
     */
    Map<Long, List<Label>> listForHosts(Collection<Long> hostIds);

    /** Ids of the hosts in a label, ascending (the REST API's label {@code host_ids}). */
    List<Long> listHostIds(long labelId);

    /** The hosts in a label (host list order keys). */
    List<Host> listHosts(long labelId, ListOptions options);

    /** Label id → number of member hosts, for every label with at least one member. */
    Map<Long, Long> hostCounts();

    /** Labels whose name contains {@code text} (case-insensitive), except {@code omitIds}, by name; at most limit. */
    List<Label> search(String text, Set<Long> omitIds, int limit);
}
