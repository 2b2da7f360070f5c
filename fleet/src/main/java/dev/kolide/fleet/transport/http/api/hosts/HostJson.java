package dev.kolide.fleet.transport.http.api.hosts;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.service.api.hosts.HostDetails;
import dev.kolide.fleet.transport.http.api.labels.LabelJson;
import java.time.Instant;
import java.util.List;

/**
 * A host as Kolide Fleet shows one (reference §2.2.1), plus its labels. The node key is never part of it.
 * {@code uptime} is nanoseconds (Go's time.Duration), {@code memory} bytes, {@code additional} the additional
 * queries' results as a JSON object or null, {@code display_text} the hostname.
 */
public record HostJson(
        Instant createdAt,
        Instant updatedAt,
        long id,
        Instant detailUpdatedAt,
        Instant labelUpdatedAt,
        Instant seenTime,
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
        // Written by the osquery service from JSON it encoded itself; copied as is rather than parsed again.
        @JsonRawValue String additional,
        String enrollSecretName,
        String status,
        String displayText,
        List<LabelJson> labels) {

    public static HostJson from(HostDetails details) {
        Host h = details.host();
        HostInventory i = h.inventory();
        return new HostJson(h.createdAt(), h.updatedAt(), h.id(), h.detailUpdatedAt(), h.labelUpdatedAt(),
                h.seenTime(), i.hostname(), i.uuid(), i.platform(), i.osqueryVersion(), i.osVersion(), i.build(),
                i.platformLike(), i.codeName(), i.uptime().toNanos(), i.physicalMemory(), i.cpuType(),
                i.cpuSubtype(), i.cpuBrand(), i.cpuPhysicalCores(), i.cpuLogicalCores(), i.hardwareVendor(),
                i.hardwareModel(), i.hardwareVersion(), i.hardwareSerial(), i.computerName(), i.primaryIp(),
                i.primaryMac(), h.intervals().distributedInterval(), h.intervals().configTlsRefresh(),
                h.intervals().loggerTlsPeriod(), h.additional(), h.enrollSecretName(), details.status().value(),
                i.hostname(), details.labels().stream().map(LabelJson::from).toList());
    }
}
