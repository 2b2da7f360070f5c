package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What fleet knows about a host from its detail queries (os_version, osquery_info, system_info, uptime,
 * network interfaces). Strings are {@code ""} until a detail query reports them.
 *
 * @param hostname system_info.hostname
 * @param uuid system_info.uuid
 * @param platform os_version.platform (darwin, ubuntu, centos, windows ...)
 * @param platformLike os_version.platform_like
 * @param osqueryVersion osquery_info.version
 * @param osVersion "name major.minor.patch" from os_version
 * @param build os_version.build
 * @param codeName os_version.codename
 * @param uptime time since boot (uptime.total_seconds)
 * @param physicalMemory bytes of RAM (system_info.physical_memory)
 * @param cpuType system_info.cpu_type
 * @param cpuSubtype system_info.cpu_subtype
 * @param cpuBrand system_info.cpu_brand
 * @param cpuPhysicalCores system_info.cpu_physical_cores
 * @param cpuLogicalCores system_info.cpu_logical_cores
 * @param hardwareVendor system_info.hardware_vendor
 * @param hardwareModel system_info.hardware_model
 * @param hardwareVersion system_info.hardware_version
 * @param hardwareSerial system_info.hardware_serial
 * @param computerName system_info.computer_name
 * @param primaryIp first non-loopback, non-link-local address of the busiest interface
 * @param primaryMac that interface's MAC address
 */
public record HostInventory(
        String hostname,
        String uuid,
        String platform,
        String platformLike,
        String osqueryVersion,
        String osVersion,
        String build,
        String codeName,
        Duration uptime,
        long physicalMemory,
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
        String primaryMac) {

    public HostInventory {
        requireNonNull(hostname, "hostname is null");
        requireNonNull(uuid, "uuid is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(platformLike, "platformLike is null");
        requireNonNull(osqueryVersion, "osqueryVersion is null");
        requireNonNull(osVersion, "osVersion is null");
        requireNonNull(build, "build is null");
        requireNonNull(codeName, "codeName is null");
        requireNonNull(uptime, "uptime is null");
        requireNonNull(cpuType, "cpuType is null");
        requireNonNull(cpuSubtype, "cpuSubtype is null");
        requireNonNull(cpuBrand, "cpuBrand is null");
        requireNonNull(hardwareVendor, "hardwareVendor is null");
        requireNonNull(hardwareModel, "hardwareModel is null");
        requireNonNull(hardwareVersion, "hardwareVersion is null");
        requireNonNull(hardwareSerial, "hardwareSerial is null");
        requireNonNull(computerName, "computerName is null");
        requireNonNull(primaryIp, "primaryIp is null");
        requireNonNull(primaryMac, "primaryMac is null");
    }

    /** The inventory of a host that has not answered any detail query yet. */
    public static HostInventory empty() {
        return new HostInventory("", "", "", "", "", "", "", "", Duration.ZERO, 0, "", "", "", 0, 0,
                "", "", "", "", "", "", "");
    }
}
