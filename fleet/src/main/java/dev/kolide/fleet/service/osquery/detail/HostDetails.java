package dev.kolide.fleet.service.osquery.detail;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostInventory;
import java.time.Duration;

/**
 * A host's inventory and intervals being updated by detail query results: starts from what is stored, each
 * {@link DetailQuery} sets what its rows say, then {@link #inventory()} and {@link #intervals()} give the new
 * values. Strings are cut to their columns' lengths (255; 45 for an IP, 17 for a MAC) so that an odd value from a
 * host cannot fail the whole update on MariaDB's strict mode. Not thread-safe: one per write.
 */
public final class HostDetails {
    static final int TEXT_COLUMN = 255;
    static final int IP_COLUMN = 45;
    static final int MAC_COLUMN = 17;

    private String hostname;
    private String uuid;
    private String platform;
    private String platformLike;
    private String osqueryVersion;
    private String osVersion;
    private String build;
    private String codeName;
    private Duration uptime;
    private long physicalMemory;
    private String cpuType;
    private String cpuSubtype;
    private String cpuBrand;
    private int cpuPhysicalCores;
    private int cpuLogicalCores;
    private String hardwareVendor;
    private String hardwareModel;
    private String hardwareVersion;
    private String hardwareSerial;
    private String computerName;
    private String primaryIp;
    private String primaryMac;
    private int distributedInterval;
    private int configTlsRefresh;
    private int loggerTlsPeriod;

    private HostDetails(HostInventory inventory, HostIntervals intervals) {
        hostname = inventory.hostname();
        uuid = inventory.uuid();
        platform = inventory.platform();
        platformLike = inventory.platformLike();
        osqueryVersion = inventory.osqueryVersion();
        osVersion = inventory.osVersion();
        build = inventory.build();
        codeName = inventory.codeName();
        uptime = inventory.uptime();
        physicalMemory = inventory.physicalMemory();
        cpuType = inventory.cpuType();
        cpuSubtype = inventory.cpuSubtype();
        cpuBrand = inventory.cpuBrand();
        cpuPhysicalCores = inventory.cpuPhysicalCores();
        cpuLogicalCores = inventory.cpuLogicalCores();
        hardwareVendor = inventory.hardwareVendor();
        hardwareModel = inventory.hardwareModel();
        hardwareVersion = inventory.hardwareVersion();
        hardwareSerial = inventory.hardwareSerial();
        computerName = inventory.computerName();
        primaryIp = inventory.primaryIp();
        primaryMac = inventory.primaryMac();
        distributedInterval = intervals.distributedInterval();
        configTlsRefresh = intervals.configTlsRefresh();
        loggerTlsPeriod = intervals.loggerTlsPeriod();
    }

    /** Starts from what fleet knows of the host. */
    public static HostDetails of(HostInventory inventory, HostIntervals intervals) {
        requireNonNull(inventory, "inventory is null");
        requireNonNull(intervals, "intervals is null");
        return new HostDetails(inventory, intervals);
    }

    public HostInventory inventory() {
        return new HostInventory(hostname, uuid, platform, platformLike, osqueryVersion, osVersion, build, codeName,
                uptime, physicalMemory, cpuType, cpuSubtype, cpuBrand, cpuPhysicalCores, cpuLogicalCores,
                hardwareVendor, hardwareModel, hardwareVersion, hardwareSerial, computerName, primaryIp, primaryMac);
    }

    public HostIntervals intervals() {
        return new HostIntervals(distributedInterval, configTlsRefresh, loggerTlsPeriod);
    }

    public String platform() {
        return platform;
    }

    HostDetails hostname(String value) {
        hostname = text(value);
        return this;
    }

    HostDetails uuid(String value) {
        uuid = text(value);
        return this;
    }

    HostDetails platform(String value) {
        platform = text(value);
        return this;
    }

    HostDetails platformLike(String value) {
        platformLike = text(value);
        return this;
    }

    HostDetails osqueryVersion(String value) {
        osqueryVersion = text(value);
        return this;
    }

    HostDetails osVersion(String value) {
        osVersion = text(value);
        return this;
    }

    HostDetails build(String value) {
        build = text(value);
        return this;
    }

    HostDetails codeName(String value) {
        codeName = text(value);
        return this;
    }

    HostDetails uptime(Duration value) {
        uptime = requireNonNull(value, "uptime is null");
        return this;
    }

    HostDetails physicalMemory(long value) {
        physicalMemory = value;
        return this;
    }

    HostDetails cpuType(String value) {
        cpuType = text(value);
        return this;
    }

    HostDetails cpuSubtype(String value) {
        cpuSubtype = text(value);
        return this;
    }

    HostDetails cpuBrand(String value) {
        cpuBrand = text(value);
        return this;
    }

    HostDetails cpuPhysicalCores(int value) {
        cpuPhysicalCores = value;
        return this;
    }

    HostDetails cpuLogicalCores(int value) {
        cpuLogicalCores = value;
        return this;
    }

    HostDetails hardwareVendor(String value) {
        hardwareVendor = text(value);
        return this;
    }

    HostDetails hardwareModel(String value) {
        hardwareModel = text(value);
        return this;
    }

    HostDetails hardwareVersion(String value) {
        hardwareVersion = text(value);
        return this;
    }

    HostDetails hardwareSerial(String value) {
        hardwareSerial = text(value);
        return this;
    }

    HostDetails computerName(String value) {
        computerName = text(value);
        return this;
    }

    HostDetails primaryIp(String value) {
        primaryIp = clip(value, IP_COLUMN);
        return this;
    }

    HostDetails primaryMac(String value) {
        primaryMac = clip(value, MAC_COLUMN);
        return this;
    }

    HostDetails distributedInterval(int value) {
        distributedInterval = value;
        return this;
    }

    HostDetails configTlsRefresh(int value) {
        configTlsRefresh = value;
        return this;
    }

    HostDetails loggerTlsPeriod(int value) {
        loggerTlsPeriod = value;
        return this;
    }

    private static String text(String value) {
        return clip(value, TEXT_COLUMN);
    }

    /** {@code value} (null as "") cut to {@code length} characters, never inside a surrogate pair. */
    private static String clip(String value, int length) {
        if (value == null) {
            return "";
        }
        if (value.length() <= length) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(length - 1)) ? length - 1 : length;
        return value.substring(0, end);
    }
}
