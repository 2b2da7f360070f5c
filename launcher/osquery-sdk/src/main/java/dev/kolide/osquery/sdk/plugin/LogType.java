package dev.kolide.osquery.sdk.plugin;

/** What a logger call carries, numbered as osquery-go numbers them. */
public enum LogType {
    /** A result log line of a scheduled query (differential). */
    STRING,
    /** A snapshot result of a scheduled query. */
    SNAPSHOT,
    HEALTH,
    /** osqueryd started the logger; the text is the process name. */
    INIT,
    /** One status log line (osqueryd's own log), a JSON object {s,f,i,m,c,u,h}. */
    STATUS
}
