package dev.kolide.updater.tuf;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A target as trusted metadata describes it: its name (path in the repository), exact length, and hashes by
 * algorithm name ({@code sha256}, {@code sha512}) as raw bytes, plus the role that listed it.
 */
public record Target(String name, long length, Map<String, byte[]> hashes, String role) {
    public Target {
        requireNonNull(name, "name is null");
        hashes = Map.copyOf(requireNonNull(hashes, "hashes is null"));
        requireNonNull(role, "role is null");
        if (length < 0) {
            throw new IllegalArgumentException("negative length for " + name);
        }
    }
}
