package dev.kolide.fleet.transport.http.api.labels;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kolide.fleet.service.api.labels.LabelSpec;
import java.util.List;

/**
 * A label spec as fleetctl sends and prints it (the JSON of {@code kind: label}'s {@code spec}); the platform and
 * a dynamic label's (absent) host list are left out when empty.
 */
public record LabelSpecJson(
        Long id,
        String name,
        String description,
        String query,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String platform,
        String labelType,
        String labelMembershipType,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> hosts) {

    public static LabelSpecJson from(LabelSpec spec) {
        return new LabelSpecJson(spec.id(), spec.name(), spec.description(), spec.query(), spec.platform(),
                spec.labelType(), spec.membershipType(), spec.hosts());
    }

    /** The service's form; {@code id} and {@code label_type} are ignored on input. */
    public LabelSpec toSpec() {
        return new LabelSpec(null, name, description, query, platform, null, labelMembershipType, hosts);
    }
}
