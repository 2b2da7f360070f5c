package dev.kolide.osquery.sdk;

import static java.util.Objects.requireNonNull;

/** osquery's {@code InternalExtensionInfo}: what an extension says about itself when it registers. */
public record ExtensionInfo(String name, String version, String sdkVersion, String minSdkVersion) {
    public ExtensionInfo {
        requireNonNull(name, "name is null");
        requireNonNull(version, "version is null");
        requireNonNull(sdkVersion, "sdkVersion is null");
        requireNonNull(minSdkVersion, "minSdkVersion is null");
    }

    /** As osquery-go registers: name and version, the SDK fields empty. */
    public static ExtensionInfo of(String name, String version) {
        return new ExtensionInfo(name, version, "", "");
    }
}
