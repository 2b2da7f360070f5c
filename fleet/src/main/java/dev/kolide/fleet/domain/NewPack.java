package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

/** What a user supplies to create a pack or to replace one by name. */
public record NewPack(String name, String description, String platform, boolean disabled) {

    public NewPack {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(platform, "platform is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("pack name is empty");
        }
    }

    /** An enabled pack for all platforms. */
    public static NewPack named(String name) {
        return new NewPack(name, "", "", false);
    }
}
