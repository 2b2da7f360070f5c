package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.config.OsqueryConfig;
import java.time.Duration;

/**
 * How often hosts are asked for details and labels (Kolide Fleet's {@code osquery.detail_update_interval} and
 * {@code osquery.label_update_interval}, 1 h each).
 */
public record OsqueryServiceSettings(Duration detailUpdateInterval, Duration labelUpdateInterval) {

    public OsqueryServiceSettings {
        requireNonNull(detailUpdateInterval, "detailUpdateInterval is null");
        requireNonNull(labelUpdateInterval, "labelUpdateInterval is null");
        if (detailUpdateInterval.isNegative() || labelUpdateInterval.isNegative()) {
            throw new IllegalArgumentException("update intervals must not be negative: " + detailUpdateInterval
                    + ", " + labelUpdateInterval);
        }
    }

    /** Kolide Fleet's defaults: one hour each. */
    public static OsqueryServiceSettings defaults() {
        return new OsqueryServiceSettings(Duration.ofHours(1), Duration.ofHours(1));
    }

    public static OsqueryServiceSettings from(OsqueryConfig config) {
        requireNonNull(config, "config is null");
        return new OsqueryServiceSettings(config.detailUpdateInterval(), config.labelUpdateInterval());
    }
}
