package dev.kolide.fleet.transport.http.api.labels;

import dev.kolide.fleet.domain.Label;
import java.time.Instant;

/** A label's own fields, as Kolide Fleet shows them (in a host's {@code labels}, for one). */
public record LabelJson(
        Instant createdAt,
        Instant updatedAt,
        long id,
        String name,
        String description,
        String query,
        String platform,
        String labelType,
        String labelMembershipType) {

    public static LabelJson from(Label label) {
        return new LabelJson(label.createdAt(), label.updatedAt(), label.id(), label.name(), label.description(),
                label.query(), label.platform(), label.labelType().value(), label.membershipType().value());
    }
}
