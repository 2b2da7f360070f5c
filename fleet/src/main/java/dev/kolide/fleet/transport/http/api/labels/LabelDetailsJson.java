package dev.kolide.fleet.transport.http.api.labels;

import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.TargetMetrics;
import dev.kolide.fleet.service.api.labels.LabelDetails;
import java.time.Instant;
import java.util.List;

/** A label as {@code labels} and {@code labels/{id}} show it: its fields, its hosts counted by status, their ids. */
public record LabelDetailsJson(
        Instant createdAt,
        Instant updatedAt,
        long id,
        String name,
        String description,
        String query,
        String platform,
        String labelType,
        String labelMembershipType,
        String displayText,
        long count,
        long online,
        long offline,
        long missingInAction,
        List<Long> hostIds) {

    public static LabelDetailsJson from(LabelDetails details) {
        Label l = details.label();
        TargetMetrics m = details.metrics();
        return new LabelDetailsJson(l.createdAt(), l.updatedAt(), l.id(), l.name(), l.description(), l.query(),
                l.platform(), l.labelType().value(), l.membershipType().value(), l.name(), m.total(), m.online(),
                m.offline(), m.mia(), details.hostIds());
    }
}
