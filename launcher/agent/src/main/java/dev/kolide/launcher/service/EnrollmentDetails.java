package dev.kolide.launcher.service;

import static java.util.Objects.requireNonNullElse;

/**
 * What a host tells the server about itself when it enrolls (reference launcher.md §1.5). gRPC carries all but
 * {@code goos}/{@code goarch}; JSON-RPC carries all but {@code hardwareUuid}. Absent values are empty strings.
 */
public record EnrollmentDetails(
        String osVersion,
        String osBuild,
        String osPlatform,
        String hostname,
        String hardwareVendor,
        String hardwareModel,
        String hardwareSerial,
        String osqueryVersion,
        String launcherVersion,
        String osName,
        String osPlatformLike,
        String hardwareUuid,
        String goos,
        String goarch) {

    public EnrollmentDetails {
        osVersion = requireNonNullElse(osVersion, "");
        osBuild = requireNonNullElse(osBuild, "");
        osPlatform = requireNonNullElse(osPlatform, "");
        hostname = requireNonNullElse(hostname, "");
        hardwareVendor = requireNonNullElse(hardwareVendor, "");
        hardwareModel = requireNonNullElse(hardwareModel, "");
        hardwareSerial = requireNonNullElse(hardwareSerial, "");
        osqueryVersion = requireNonNullElse(osqueryVersion, "");
        launcherVersion = requireNonNullElse(launcherVersion, "");
        osName = requireNonNullElse(osName, "");
        osPlatformLike = requireNonNullElse(osPlatformLike, "");
        hardwareUuid = requireNonNullElse(hardwareUuid, "");
        goos = requireNonNullElse(goos, "");
        goarch = requireNonNullElse(goarch, "");
    }
}
