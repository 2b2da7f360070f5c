package dev.kolide.fleet.datastore;

import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.domain.HostStatus;
import dev.kolide.fleet.domain.HostSummary;
import dev.kolide.fleet.domain.TargetMetrics;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Enrolled hosts. The check-in path is {@link #findByNodeKey} (every osquery request) and {@link #markSeen}
 * (batched by the service); everything else is occasional.
 *
 * <p>List order keys: {@code id}, {@code hostname}, {@code uuid}, {@code platform}, {@code os_version},
 * {@code osquery_version}, {@code primary_ip}, {@code created_at}, {@code updated_at}, {@code seen_time},
 * {@code detail_updated_at}, {@code label_updated_at}.
 */
public interface HostStore {

    /**
     * Enrolls a host, or re-enrolls it when {@code osqueryHostId} is known: one upsert that sets the new node key
     * (so the old one stops working), the secret's name, {@code seen_time} = now, and detail/label update times
     * to {@link Host#NEVER} so that the next check-in asks for everything. Inventory is kept on re-enrollment.
     * Costs two statements (the upsert, then reading the row back).
     *
     * @param nodeKey a fresh random key; must not belong to another host
     */
    Host enroll(String osqueryHostId, String nodeKey, String enrollSecretName);

    /** The host authenticating with {@code nodeKey} (compared byte for byte): one indexed lookup. */
    Optional<Host> findByNodeKey(String nodeKey);

    Optional<Host> find(long id);

    /** The hosts among {@code ids} that exist, in id order: one statement per 500 ids. */
    List<Host> findAll(Collection<Long> ids);

    /**
     * The host whose osquery host id, node key, uuid or hostname equals {@code identifier}
     * ({@code GET hosts/identifier/{identifier}}); the lowest id when several match.
     */
    Optional<Host> findByIdentifier(String identifier);

    /** Stores what the detail queries found and when. Throws NotFoundException for an unknown host. */
    void saveInventory(long hostId, HostInventory inventory, Instant detailUpdatedAt);

    /** Stores the osquery intervals the host reported. Throws NotFoundException for an unknown host. */
    void saveIntervals(long hostId, HostIntervals intervals);

    /** Stores the additional queries' results (a JSON object), or clears them with {@code null}. */
    void saveAdditional(long hostId, String additionalJson);

    /**
     * Records check-ins of many hosts: host id → time seen. One UPDATE per 500 hosts; a time earlier than the
     * stored one is ignored (flushes from several fleet nodes may arrive out of order); unknown ids are skipped.
     *
     * @return how many hosts matched
     */
    int markSeen(Map<Long, Instant> seenTimes);

    /** Sets when the host last reported label results. Throws NotFoundException for an unknown host. */
    void setLabelUpdatedAt(long hostId, Instant labelUpdatedAt);

    List<Host> list(ListOptions options);

    /** Hosts with {@code status} at {@code now} (computed in SQL with {@link HostStatus}'s rule). */
    List<Host> listByStatus(HostStatus status, Instant now, ListOptions options);

    /** Counts by status at {@code now}, in one statement. */
    HostSummary summary(Instant now);

    /** Deletes a host with its label memberships and the pack and campaign targets naming it. */
    void delete(long hostId);

    /**
     * Host expiry: deletes hosts not seen since {@code cutoff} (strictly before), with their memberships and
     * targets.
     *
     * @return how many hosts were deleted
     */
    int deleteUnseenSince(Instant cutoff);

    /**
     * Deletes hosts that enrolled before {@code enrolledBefore} and never answered the detail queries (no hostname
     * and no osquery version): enrollments that never came back, e.g. duplicates from broken images.
     *
     * @return how many hosts were deleted
     */
    int deleteIncoming(Instant enrolledBefore);

    /**
     * Hosts whose hostname, uuid, computer name, primary IP or MAC contains {@code text} (case-insensitive),
     * except {@code omitIds}, by hostname; at most {@code limit}. An empty text matches every host.
     */
    List<Host> search(String text, Set<Long> omitIds, int limit);

    /** Distinct ids of the hosts in {@code hostIds} (that exist) and the members of {@code labelIds}, sorted. */
    List<Long> resolveTargets(Set<Long> hostIds, Set<Long> labelIds);

    /** Counts of the distinct hosts the targets resolve to, by status at {@code now}, in one statement. */
    TargetMetrics targetMetrics(Set<Long> hostIds, Set<Long> labelIds, Instant now);
}
