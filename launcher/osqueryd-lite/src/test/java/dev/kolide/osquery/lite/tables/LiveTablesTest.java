package dev.kolide.osquery.lite.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kolide.osquery.lite.sql.CatalogTable;
import dev.kolide.osquery.lite.sql.QueryEngine;
import dev.kolide.osquery.lite.sql.QueryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The tables on this Linux machine, through SQL, against what /proc, /sys and /etc say. */
@EnabledOnOs(OS.LINUX)
class LiveTablesTest {
    private final SystemFiles files = SystemFiles.live();
    private final QueryEngine engine = engine(List.of(new ProcessesTable(files), new UsersTable(files),
            new GroupsTable(files), new EtcHostsTable(files), new UptimeTable(files), new KernelInfoTable(files),
            new OsVersionTable(files, "x86_64"), new SystemInfoTable(files, "x86_64", () -> "U"),
            new TimeTable(Clock.systemUTC()), new MountsTable(files, true), new ListeningPortsTable(files),
            new InterfaceAddressesTable(), new InterfaceDetailsTable(files)));

    static QueryEngine engine(List<Table> tables) {
        Map<String, Table> byName = new HashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        return new QueryEngine(name -> Optional.ofNullable(byName.get(name)).map(t ->
                new CatalogTable(t.name(), t.columns(), context -> {
                    try {
                        return t.generate(context);
                    } catch (Exception e) {
                        throw new QueryException(e.getMessage(), e);
                    }
                })));
    }

    private List<Map<String, String>> rows(String sql) throws QueryException {
        return engine.query(sql).rows();
    }

    private static List<String> lines(String path) throws IOException {
        return Files.readAllLines(Path.of(path), StandardCharsets.UTF_8);
    }

    private static List<String> firstFields(String path, String separator) throws IOException {
        return lines(path).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split(separator)[0]).toList();
    }

    @Test
    void usersAreTheAccountsOfEtcPasswd() throws Exception {
        assertThat(rows("select username from users")).extracting(r -> r.get("username"))
                .containsExactlyElementsOf(firstFields("/etc/passwd", ":"));
        assertThat(rows("select uid, directory from users where username = 'root'"))
                .containsExactly(Map.of("uid", "0", "directory", "/root"));
    }

    @Test
    void groupsAreTheGroupsOfEtcGroup() throws Exception {
        assertThat(rows("select groupname from groups")).extracting(r -> r.get("groupname"))
                .containsExactlyElementsOf(firstFields("/etc/group", ":"));
    }

    @Test
    void etcHostsHasOneRowPerAddressLine() throws Exception {
        List<String> addresses = lines("/etc/hosts").stream().map(l -> l.replaceAll("#.*", "").strip())
                .filter(l -> !l.isEmpty()).map(l -> l.split("\\s+")[0]).toList();
        assertThat(rows("select address from etc_hosts")).extracting(r -> r.get("address"))
                .containsExactlyElementsOf(addresses);
    }

    @Test
    void thisJvmIsAProcessWithItsPidParentAndExecutable() throws Exception {
        long pid = ProcessHandle.current().pid();
        List<Map<String, String>> self = rows("select * from processes where pid = " + pid);

        assertThat(self).hasSize(1);
        Map<String, String> row = self.get(0);
        assertThat(row.get("path")).isEqualTo(Files.readSymbolicLink(Path.of("/proc/self/exe")).toString());
        assertThat(row.get("parent")).isEqualTo(Long.toString(ProcessHandle.current().parent().orElseThrow().pid()));
        assertThat(row.get("cmdline")).contains("java");
        assertThat(Long.parseLong(row.get("threads"))).isGreaterThan(1);
        assertThat(Long.parseLong(row.get("resident_size"))).isPositive();
        assertThat(Long.parseLong(row.get("start_time")))
                .isCloseTo(ProcessHandle.current().info().startInstant().orElseThrow().getEpochSecond(), within(2L));
    }

    @Test
    void processesCoversTheProcDirectories() throws Exception {
        long inProc;
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            inProc = entries.filter(p -> p.getFileName().toString().matches("\\d+")).count();
        }
        long listed = Long.parseLong(rows("select count(*) as n from processes").get(0).get("n"));
        assertThat(listed).isCloseTo(inProc, within(Math.max(5L, inProc / 10)));
        assertThat(rows("select name from processes where pid = 1")).hasSize(1);
    }

    @Test
    void uptimeAgreesWithProcUptime() throws Exception {
        double procUptime = Double.parseDouble(lines("/proc/uptime").get(0).split("\\s+")[0]);
        Map<String, String> row = rows("select * from uptime").get(0);

        long total = Long.parseLong(row.get("total_seconds"));
        assertThat((double) total).isCloseTo(procUptime, within(5.0));
        assertThat(Long.parseLong(row.get("days")) * 86400 + Long.parseLong(row.get("hours")) * 3600
                + Long.parseLong(row.get("minutes")) * 60 + Long.parseLong(row.get("seconds"))).isEqualTo(total);
    }

    @Test
    void kernelOsAndSystemInfoAgreeWithProcAndEtc() throws Exception {
        assertThat(rows("select version from kernel_info").get(0).get("version"))
                .isEqualTo(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        String osName = lines("/etc/os-release").stream().filter(l -> l.startsWith("NAME="))
                .map(l -> l.substring(5).replace("\"", "")).findFirst().orElseThrow();
        assertThat(rows("select name from os_version").get(0).get("name")).isEqualTo(osName);

        Map<String, String> info = rows("select * from system_info").get(0);
        assertThat(info.get("hostname")).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
        long processors = lines("/proc/cpuinfo").stream().filter(l -> l.startsWith("processor")).count();
        assertThat(info.get("cpu_logical_cores")).isEqualTo(Long.toString(processors));
        long memTotalKb = Long.parseLong(lines("/proc/meminfo").get(0).replaceAll("\\D", ""));
        assertThat(info.get("physical_memory")).isEqualTo(Long.toString(memTotalKb * 1024));
    }

    @Test
    void mountsAreTheMountPointsOfProcMountsWithSizesForTheRoot() throws Exception {
        Set<String> procMounts = lines("/proc/mounts").stream().map(l -> MountsTable.unescape(l.split("\\s+")[1]))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(rows("select path from mounts")).extracting(r -> r.get("path"))
                .containsExactlyInAnyOrderElementsOf(lines("/proc/mounts").stream()
                        .map(l -> MountsTable.unescape(l.split("\\s+")[1])).toList());
        assertThat(procMounts).contains("/");
        assertThat(rows("select blocks from mounts where path = '/' and blocks > 0")).isNotEmpty();
    }

    @Test
    void aSocketThisTestOpensIsAListeningPortOfThisProcess() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<Map<String, String>> found = rows("select pid, address, protocol, family from listening_ports "
                    + "where port = " + server.getLocalPort());

            // The JDK listens on a dual-stack IPv6 socket unless told otherwise: the kernel lists it in tcp6.
            assertThat(found).containsAnyOf(
                    Map.of("pid", Long.toString(ProcessHandle.current().pid()), "address", "127.0.0.1",
                            "protocol", "6", "family", "2"),
                    Map.of("pid", Long.toString(ProcessHandle.current().pid()), "address", "::ffff:127.0.0.1",
                            "protocol", "6", "family", "10"));
        }
    }

    @Test
    void interfacesAreThoseOfSysClassNetAndLoopbackHasItsAddress() throws Exception {
        List<String> names;
        try (Stream<Path> entries = Files.list(Path.of("/sys/class/net"))) {
            names = entries.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(rows("select interface from interface_details")).extracting(r -> r.get("interface"))
                .containsExactlyInAnyOrderElementsOf(names);
        assertThat(rows("select mtu from interface_details where interface = 'lo'").get(0).get("mtu"))
                .isEqualTo(Files.readString(Path.of("/sys/class/net/lo/mtu")).strip());
        assertThat(rows("select address, mask from interface_addresses where interface = 'lo'"))
                .contains(Map.of("address", "127.0.0.1", "mask", "255.0.0.0"));
    }

    @Test
    void timeIsNow() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        Map<String, String> row = rows("select * from time").get(0);
        assertThat(Long.parseLong(row.get("unix_time"))).isCloseTo(now, within(2L));
        assertThat(row.get("timezone")).isEqualTo("UTC");
        assertThat(Arrays.asList(row.get("iso_8601"), row.get("datetime"))).allMatch(v -> v.endsWith("Z"));
    }
}
