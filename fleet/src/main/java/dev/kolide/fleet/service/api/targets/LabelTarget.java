package dev.kolide.fleet.service.api.targets;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.TargetMetrics;

/** A label found by a target search, with its hosts counted by status. */
public record LabelTarget(Label label, TargetMetrics metrics) {

    public LabelTarget {
        requireNonNull(label, "label is null");
        requireNonNull(metrics, "metrics is null");
    }
}
