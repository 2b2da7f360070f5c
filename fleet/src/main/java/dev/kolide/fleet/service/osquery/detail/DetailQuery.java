package dev.kolide.fleet.service.osquery.detail;

import java.util.List;
import java.util.Map;

/**
 * One of Kolide Fleet's detail queries: the SQL hosts run (sent as {@code kolide_detail_query_<name>}) and how
 * its rows update what fleet knows of the host. Ingesting never fails: an unexpected row count or an unreadable
 * value leaves the affected fields as they were (and is logged), as Kolide Fleet did.
 */
public interface DetailQuery {

    /** The name after the {@code kolide_detail_query_} prefix: {@code os_version}, {@code uptime} ... */
    String name();

    /** The SQL, exactly as Kolide Fleet sent it. */
    String sql();

    /** Sets on {@code host} what {@code rows} (osquery's result: column → text) say. */
    void ingest(List<Map<String, String>> rows, HostDetails host);
}
