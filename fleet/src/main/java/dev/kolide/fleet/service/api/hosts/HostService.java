package dev.kolide.fleet.service.api.hosts;

import dev.kolide.fleet.domain.HostStatus;
import dev.kolide.fleet.domain.HostSummary;
import dev.kolide.fleet.service.api.Page;
import dev.kolide.fleet.service.api.Viewer;
import java.util.List;

/** Enrolled hosts. Everyone reads them; only admins delete them. Statuses are computed at the service's clock. */
public interface HostService {

    /**
     * A page of hosts, all or only those with {@code status} (null for all). Order keys are the host store's,
     * plus Kolide's {@code host_name} for {@code hostname}.
     */
    List<HostDetails> list(Viewer viewer, Page page, HostStatus status);

    /** Counts by status now. */
    HostSummary summary(Viewer viewer);

    HostDetails get(Viewer viewer, long id);

    /** The host whose osquery host id, node key, uuid or hostname is {@code identifier}. */
    HostDetails getByIdentifier(Viewer viewer, String identifier);

    /**
     * Deletes a host with its label memberships and the targets naming it. The host's node key stops working at
     * once on this node (the osquery side's authentication cache is told); it may enroll again.
     */
    void delete(Viewer viewer, long id);
}
