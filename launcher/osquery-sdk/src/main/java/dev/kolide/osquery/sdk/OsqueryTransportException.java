package dev.kolide.osquery.sdk;

/**
 * A call over osquery's Thrift protocol did not complete: the socket is missing or closed, the peer timed out,
 * or it sent something that is not a valid reply. The message says which call, to which socket, and why.
 */
public class OsqueryTransportException extends RuntimeException {
    public OsqueryTransportException(String message, Throwable cause) {
        super(message, cause);
    }

    public OsqueryTransportException(String message) {
        super(message);
    }
}
