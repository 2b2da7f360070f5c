package dev.kolide.fleet.service.api.packs;

import java.util.List;

/**
 * A pack's fields as a client sends them ({@code POST packs}, or {@code PATCH packs/{id}} where null leaves a
 * field as it is). {@code hostIds} and {@code labelIds} replace the pack's targets.
 */
public record PackInput(
        String name, String description, String platform, Boolean disabled, List<Long> hostIds, List<Long> labelIds) {
}
