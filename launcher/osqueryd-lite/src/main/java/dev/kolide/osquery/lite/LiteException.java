package dev.kolide.osquery.lite;

/** osqueryd-lite cannot start or run: the message says what it was doing and why. */
public class LiteException extends Exception {
    public LiteException(String message) {
        super(message);
    }

    public LiteException(String message, Throwable cause) {
        super(message, cause);
    }
}
