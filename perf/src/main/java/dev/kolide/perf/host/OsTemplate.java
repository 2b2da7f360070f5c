package dev.kolide.perf.host;

import java.util.List;

/**
 * What a kind of machine reports about itself: its OS as osquery's os_version table gives it, its hardware, its
 * osquery. Simulated hosts take one of {@link #mix()} in turn so fleet sees a realistic spread of platforms (and its
 * built-in platform labels match some hosts and not others).
 *
 * @param platformType osquery's enroll {@code platform_type} bit mask
 */
public record OsTemplate(String platform, String platformLike, String name, String major, String minor,
        String patch, String build, String codename, String platformType, String osqueryVersion,
        String hardwareVendor, String hardwareModel, String cpuType, String cpuBrand, int cpuCores,
        long physicalMemory, String kernelVersion) {

    private static final List<OsTemplate> MIX = List.of(
            new OsTemplate("ubuntu", "debian", "Ubuntu", "22", "04", "4", "", "jammy", "9", "5.12.1",
                    "Dell Inc.", "PowerEdge R640", "x86_64", "Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz", 16,
                    68_719_476_736L, "5.15.0-105-generic"),
            new OsTemplate("darwin", "darwin", "macOS", "14", "4", "1", "23E224", "", "21", "5.12.1",
                    "Apple Inc.", "MacBookPro18,3", "arm64e", "Apple M1 Pro", 10, 17_179_869_184L, "23.4.0"),
            new OsTemplate("windows", "windows", "Microsoft Windows 10 Pro", "10", "0", "", "19045",
                    "Microsoft Windows 10 Pro", "2", "5.11.0", "LENOVO", "20XW0055US", "x86_64",
                    "11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz", 8, 17_179_869_184L, "10.0.19045"),
            new OsTemplate("centos", "rhel", "CentOS Linux", "7", "9", "2009", "", "Core", "9", "5.10.2",
                    "VMware, Inc.", "VMware7,1", "x86_64", "Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz", 4,
                    8_589_934_592L, "3.10.0-1160.el7.x86_64"));

    /** Ubuntu, macOS, Windows, CentOS: host {@code i} is {@code mix().get(i % 4)}. */
    public static List<OsTemplate> mix() {
        return MIX;
    }

    /** "major.minor.patch" without the parts left empty, as osquery's version column. */
    public String version() {
        StringBuilder version = new StringBuilder(major);
        for (String part : List.of(minor, patch)) {
            if (!part.isEmpty()) {
                version.append('.').append(part);
            }
        }
        return version.toString();
    }
}
