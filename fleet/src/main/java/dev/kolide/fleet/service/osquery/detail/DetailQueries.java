package dev.kolide.fleet.service.osquery.detail;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Kolide Fleet's six detail queries, by name. Immutable. */
public final class DetailQueries {
    private final Map<String, DetailQuery> byName;

    private DetailQueries(Collection<DetailQuery> queries) {
        Map<String, DetailQuery> map = new TreeMap<>();
        for (DetailQuery query : queries) {
            if (map.put(query.name(), query) != null) {
                throw new IllegalArgumentException("two detail queries are named " + query.name());
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** network_interface, os_version, osquery_flags, osquery_info, system_info, uptime. */
    public static DetailQueries kolide() {
        return new DetailQueries(List.of(new NetworkInterfaceDetail(), new OsVersionDetail(),
                new OsqueryFlagsDetail(), new OsqueryInfoDetail(), new SystemInfoDetail(), new UptimeDetail()));
    }

    /** The detail query named {@code name} (without prefix). */
    public Optional<DetailQuery> byName(String name) {
        requireNonNull(name, "name is null");
        return Optional.ofNullable(byName.get(name));
    }

    /** Name → SQL of every detail query, sorted by name. */
    public Map<String, String> sqlByName() {
        Map<String, String> sql = new TreeMap<>();
        byName.forEach((name, query) -> sql.put(name, query.sql()));
        return Collections.unmodifiableMap(sql);
    }

    /** Ingests the enrollment details osquery sends ({@code host_details}: table → its one row), where known. */
    public void ingestEnrollDetails(Map<String, Map<String, String>> hostDetails, HostDetails host) {
        requireNonNull(hostDetails, "hostDetails is null");
        requireNonNull(host, "host is null");
        // platform_info has nothing Kolide Fleet kept; the others have the columns of their detail queries.
        for (String table : List.of("os_version", "osquery_info", "system_info")) {
            Map<String, String> row = hostDetails.get(table);
            if (row != null && !row.isEmpty()) {
                byName.get(table).ingest(List.of(row), host);
            }
        }
    }
}
