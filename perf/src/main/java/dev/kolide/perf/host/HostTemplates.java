package dev.kolide.perf.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What simulated hosts answer, without running osquery: enrollment details, detail query rows shaped as fleet's
 * detail handlers read them (reference fleet.md §1.4), label queries, live queries, and result/status log lines as
 * osqueryd's TLS logger sends them. Shared by all hosts; thread-safe.
 */
public final class HostTemplates {
    public static final String DETAIL_PREFIX = "kolide_detail_query_";
    public static final String LABEL_PREFIX = "kolide_label_query_";
    public static final String LIVE_PREFIX = "kolide_distributed_query_";

    private static final Pattern PLATFORM_CONDITION = Pattern.compile("platform\\s*=\\s*['\"](\\w+)['\"]");
    private static final Pattern FROM_TABLE = Pattern.compile("\\bfrom\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter CALENDAR_TIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long BASE_UPTIME_SECONDS = 86_400L * 3;

    private final Intervals intervals;
    private final double noResultProbability;
    private final Clock clock;
    private final ObjectMapper json;
    private final Instant started;

    /** The intervals hosts report in their osquery_flags detail query. */
    public record Intervals(Duration distributed, Duration config, Duration logger) {}

    /**
     * @param noResultProbability the chance that a live (or unknown) query finds no rows on a host
     */
    public HostTemplates(Intervals intervals, double noResultProbability, Clock clock, ObjectMapper json) {
        if (noResultProbability < 0 || noResultProbability > 1) {
            throw new IllegalArgumentException("the no-result probability must be within [0, 1], not "
                    + noResultProbability);
        }
        this.intervals = intervals;
        this.noResultProbability = noResultProbability;
        this.clock = clock;
        this.json = json;
        this.started = clock.instant();
    }

    /** {@code host_details} of the TLS enroll request: os_version, osquery_info, system_info, platform_info. */
    public Map<String, Map<String, String>> enrollDetails(HostIdentity host) {
        Map<String, Map<String, String>> details = new LinkedHashMap<>();
        details.put("os_version", osVersion(host));
        details.put("osquery_info", osqueryInfo(host));
        details.put("system_info", systemInfo(host));
        details.put("platform_info", Map.of("vendor", host.os().hardwareVendor(), "version", "1.0", "date",
                "01/01/2023"));
        return details;
    }

    /** The answer of {@code host} to the distributed query {@code name} ({@code sql}). */
    public QueryAnswer answer(HostIdentity host, String name, String sql, RandomGenerator random) {
        if (name.startsWith(DETAIL_PREFIX)) {
            return QueryAnswer.of(detailRows(host, name.substring(DETAIL_PREFIX.length()))
                    .orElseGet(() -> List.of(genericRow(host))));
        }
        if (name.startsWith(LABEL_PREFIX)) {
            return QueryAnswer.of(labelMatches(host, sql) ? List.of(Map.of("1", "1")) : List.of());
        }
        if (random.nextDouble() < noResultProbability) {
            return QueryAnswer.of(List.of());
        }
        return QueryAnswer.of(rowsForSql(host, sql));
    }

    /** Rows of fleet's detail query {@code detail} (the name after the prefix), if it is one of the six. */
    public Optional<List<Map<String, String>>> detailRows(HostIdentity host, String detail) {
        return switch (detail) {
            case "network_interface" -> Optional.of(List.of(
                    Map.of("address", host.ip(), "mac", host.mac()),
                    Map.of("address", "fe80::42:" + Integer.toHexString(host.index() & 0xffff) + "%eth0",
                            "mac", host.mac())));
            case "os_version" -> Optional.of(List.of(osVersion(host)));
            case "osquery_flags" -> Optional.of(List.of(
                    flag("distributed_interval", intervals.distributed()),
                    flag("config_tls_refresh", intervals.config()),
                    flag("config_refresh", intervals.config()),
                    flag("logger_tls_period", intervals.logger())));
            case "osquery_info" -> Optional.of(List.of(osqueryInfo(host)));
            case "system_info" -> Optional.of(List.of(systemInfo(host)));
            case "uptime" -> Optional.of(List.of(uptime()));
            default -> Optional.empty();
        };
    }

    /** A label query matches unless it asks for another platform than the host's ({@code platform = 'x'}). */
    boolean labelMatches(HostIdentity host, String sql) {
        Matcher platform = PLATFORM_CONDITION.matcher(sql);
        return !platform.find() || platform.group(1).equalsIgnoreCase(host.os().platform());
    }

    /** A table fleet knows gets its detail rows; anything else one row naming the host. */
    private List<Map<String, String>> rowsForSql(HostIdentity host, String sql) {
        Matcher table = FROM_TABLE.matcher(sql);
        if (table.find()) {
            Optional<List<Map<String, String>>> rows = detailRows(host, table.group(1).toLowerCase(Locale.ROOT));
            if (rows.isPresent()) {
                return rows.get();
            }
        }
        return List.of(genericRow(host));
    }

    private static Map<String, String> genericRow(HostIdentity host) {
        return Map.of("hostname", host.hostname(), "uuid", host.uuid(), "result", "1");
    }

    private static Map<String, String> flag(String name, Duration value) {
        return Map.of("name", name, "value", Long.toString(value.toSeconds()));
    }

    private static Map<String, String> osVersion(HostIdentity host) {
        OsTemplate os = host.os();
        Map<String, String> row = new LinkedHashMap<>();
        row.put("name", os.name());
        row.put("version", os.version());
        row.put("major", os.major());
        row.put("minor", os.minor());
        row.put("patch", os.patch());
        row.put("build", os.build());
        row.put("platform", os.platform());
        row.put("platform_like", os.platformLike());
        row.put("codename", os.codename());
        return row;
    }

    private static Map<String, String> osqueryInfo(HostIdentity host) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("pid", Integer.toString(1000 + host.index() % 30000));
        row.put("uuid", host.uuid());
        row.put("instance_id", host.uuid().toLowerCase(Locale.ROOT));
        row.put("version", host.os().osqueryVersion());
        row.put("config_hash", "");
        row.put("config_valid", "1");
        row.put("extensions", "inactive");
        row.put("build_platform", host.os().platform());
        row.put("build_distro", host.os().codename());
        row.put("start_time", "1700000000");
        row.put("watcher", "-1");
        row.put("platform_mask", host.os().platformType());
        return row;
    }

    private static Map<String, String> systemInfo(HostIdentity host) {
        OsTemplate os = host.os();
        Map<String, String> row = new LinkedHashMap<>();
        row.put("hostname", host.hostname());
        row.put("uuid", host.uuid());
        row.put("cpu_type", os.cpuType());
        row.put("cpu_subtype", os.cpuType());
        row.put("cpu_brand", os.cpuBrand());
        row.put("cpu_physical_cores", Integer.toString(os.cpuCores()));
        row.put("cpu_logical_cores", Integer.toString(os.cpuCores() * 2));
        row.put("cpu_microcode", "");
        row.put("physical_memory", Long.toString(os.physicalMemory()));
        row.put("hardware_vendor", os.hardwareVendor());
        row.put("hardware_model", os.hardwareModel());
        row.put("hardware_version", "1.0");
        row.put("hardware_serial", host.serial());
        row.put("board_vendor", os.hardwareVendor());
        row.put("board_model", os.hardwareModel());
        row.put("computer_name", host.hostname());
        row.put("local_hostname", host.hostname());
        return row;
    }

    private Map<String, String> uptime() {
        long total = BASE_UPTIME_SECONDS + Duration.between(started, clock.instant()).toSeconds();
        return Map.of("days", Long.toString(total / 86_400), "hours", Long.toString(total / 3600 % 24),
                "minutes", Long.toString(total / 60 % 60), "seconds", Long.toString(total % 60),
                "total_seconds", Long.toString(total));
    }

    /** One result log line (JSON) of a scheduled query, as osqueryd's logger hands it to the TLS plugin. */
    public String resultLog(HostIdentity host, int counter) {
        Instant now = clock.instant();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("name", "pack/perf/processes");
        line.put("hostIdentifier", host.hostIdentifier());
        line.put("calendarTime", CALENDAR_TIME.format(now));
        line.put("unixTime", now.getEpochSecond());
        line.put("epoch", 0);
        line.put("counter", counter);
        line.put("numerics", false);
        line.put("decorations", Map.of("host_uuid", host.uuid(), "hostname", host.hostname()));
        line.put("columns", Map.of("name", "osqueryd", "pid", Integer.toString(1000 + counter % 5000), "path",
                "/usr/bin/osqueryd", "cmdline", "osqueryd --flagfile=/etc/osquery/osquery.flags"));
        line.put("action", counter % 2 == 0 ? "added" : "removed");
        return write(line);
    }

    /** One status log line (JSON), as osquery's glog lines reach the TLS logger. */
    public String statusLog(HostIdentity host, int counter) {
        Instant now = clock.instant();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("hostIdentifier", host.hostIdentifier());
        line.put("calendarTime", CALENDAR_TIME.format(now));
        line.put("unixTime", Long.toString(now.getEpochSecond()));
        line.put("severity", "0");
        line.put("filename", "scheduler.cpp");
        line.put("line", "83");
        line.put("message", "Executing scheduled query pack/perf/processes: select * from processes (" + counter
                + ")");
        line.put("version", host.os().osqueryVersion());
        line.put("decorations", Map.of("host_uuid", host.uuid(), "hostname", host.hostname()));
        return write(line);
    }

    private String write(Map<String, Object> line) {
        try {
            return json.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("writing a simulated log line", e);
        }
    }
}
