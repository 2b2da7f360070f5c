package dev.kolide.fleet.service.api.targets;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.Datastore;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.service.api.Access;
import dev.kolide.fleet.service.api.Viewer;
import dev.kolide.fleet.service.api.hosts.HostDetailsLoader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@link TargetService} over the host and label stores. */
public final class DefaultTargetService implements TargetService {

    /** Kolide's limit per kind: the picker shows a short list that narrows as the user types. */
    public static final int MAX_RESULTS = 10;

    private final Datastore datastore;
    private final HostDetailsLoader hostDetails;
    private final Clock clock;

    public DefaultTargetService(Datastore datastore, HostDetailsLoader hostDetails, Clock clock) {
        this.datastore = requireNonNull(datastore, "datastore is null");
        this.hostDetails = requireNonNull(hostDetails, "hostDetails is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public TargetSearch search(Viewer viewer, String text, Set<Long> selectedHostIds, Set<Long> selectedLabelIds) {
        Access.requireActive(viewer);
        requireNonNull(text, "text is null");
        requireNonNull(selectedHostIds, "selectedHostIds is null");
        requireNonNull(selectedLabelIds, "selectedLabelIds is null");
        Instant now = clock.instant();
        var hosts = hostDetails.load(datastore.hosts().search(text, selectedHostIds, MAX_RESULTS));
        List<LabelTarget> labels = new ArrayList<>();
        for (Label label : datastore.labels().search(text, selectedLabelIds, MAX_RESULTS)) {
            labels.add(new LabelTarget(label, datastore.hosts().targetMetrics(Set.of(), Set.of(label.id()), now)));
        }
        return new TargetSearch(hosts, labels,
                datastore.hosts().targetMetrics(selectedHostIds, selectedLabelIds, now));
    }
}
