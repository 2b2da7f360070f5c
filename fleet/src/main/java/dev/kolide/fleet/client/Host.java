package dev.kolide.fleet.client;

import java.util.List;

/**
 * A host as fleet shows one (reference §2.2.1). Times are the server's RFC 3339 text, {@code uptime} nanoseconds,
 * {@code memory} bytes, {@code additional} the additional queries' results (a JSON tree, or null).
 */
public record Host(
        long id,
        String createdAt,
        String updatedAt,
        String detailUpdatedAt,
        String labelUpdatedAt,
        String seenTime,
        String hostname,
        String uuid,
        String platform,
        String osqueryVersion,
        String osVersion,
        String build,
        String platformLike,
        String codeName,
        long uptime,
        long memory,
        String cpuType,
        String cpuSubtype,
        String cpuBrand,
        int cpuPhysicalCores,
        int cpuLogicalCores,
        String hardwareVendor,
        String hardwareModel,
        String hardwareVersion,
        String hardwareSerial,
        String computerName,
        String primaryIp,
        String primaryMac,
        int distributedInterval,
        int configTlsRefresh,
        int loggerTlsPeriod,
        com.fasterxml.jackson.databind.JsonNode additional,
        String enrollSecretName,
        String status,
        String displayText,
        List<HostLabel> labels) {

    /** A label the host is in. */
    public record HostLabel(long id, String name, String labelType) {}
}
