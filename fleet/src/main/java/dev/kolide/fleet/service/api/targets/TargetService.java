package dev.kolide.fleet.service.api.targets;

import dev.kolide.fleet.service.api.Viewer;
import java.util.Set;

/** The target picker of live queries and packs: search hosts and labels, count what is selected. */
public interface TargetService {

    /**
     * Up to {@value DefaultTargetService#MAX_RESULTS} hosts (by hostname, uuid, IP, MAC) and as many labels (by
     * name) containing {@code text}, except the selected ones, and the counts of the selection. Everyone may
     * search: observers pick targets for live queries too.
     */
    TargetSearch search(Viewer viewer, String text, Set<Long> selectedHostIds, Set<Long> selectedLabelIds);
}
