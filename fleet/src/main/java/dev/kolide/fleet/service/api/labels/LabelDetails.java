package dev.kolide.fleet.service.api.labels;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.TargetMetrics;
import java.util.List;

/** A label as the REST API shows it: its hosts counted by status now, and their ids. */
public record LabelDetails(Label label, TargetMetrics metrics, List<Long> hostIds) {

    public LabelDetails {
        requireNonNull(label, "label is null");
        requireNonNull(metrics, "metrics is null");
        hostIds = List.copyOf(hostIds);
    }
}
