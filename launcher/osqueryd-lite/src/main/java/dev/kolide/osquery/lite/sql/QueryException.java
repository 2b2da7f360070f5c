package dev.kolide.osquery.lite.sql;

/** A query failed: bad SQL, a table that could not be read, a refused statement. The message is for the peer. */
public class QueryException extends Exception {
    public QueryException(String message) {
        super(message);
    }

    public QueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
