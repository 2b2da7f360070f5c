package dev.kolide.fleet.service.api.labels;

import java.util.List;

/**
 * A label's fields as a client sends them to create one ({@code POST labels}). {@code membershipType}
 * {@code "dynamic"} (the default) needs a query; {@code "manual"} takes {@code hostIds} instead.
 */
public record LabelInput(
        String name, String description, String query, String platform, String membershipType, List<Long> hostIds) {
}
