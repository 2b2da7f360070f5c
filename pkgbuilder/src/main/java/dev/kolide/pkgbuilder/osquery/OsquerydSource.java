package dev.kolide.pkgbuilder.osquery;

import static java.util.Objects.requireNonNull;

import dev.kolide.updater.http.ServerUrl;
import java.nio.file.Path;

/**
 * Where osqueryd comes from when {@code --osquery_version} is a channel or a version, already checked.
 *
 * @param gun {@code <notary_prefix>/osqueryd}
 * @param rootJson the bytes of {@code --notary_root}: the root trusted on first use of {@code cacheDir}
 * @param cacheDir holds the trusted metadata ({@code tuf/<gun>}), the downloads and the unpacked binaries
 */
public record OsquerydSource(ServerUrl notary, ServerUrl mirror, String gun, byte[] rootJson, Path cacheDir) {
    public OsquerydSource {
        requireNonNull(notary, "notary is null");
        requireNonNull(mirror, "mirror is null");
        requireNonNull(gun, "gun is null");
        rootJson = rootJson.clone();
        requireNonNull(cacheDir, "cacheDir is null");
    }

    @Override
    public byte[] rootJson() {
        return rootJson.clone();
    }
}
