package dev.kolide.osquery.sdk.server;

/** osqueryd refused to register the extension (a duplicate name, a duplicate table ...); the message says why. */
public class ExtensionRegistrationException extends RuntimeException {
    private final int code;

    public ExtensionRegistrationException(String message, int code) {
        super(message);
        this.code = code;
    }

    /** The status code osqueryd answered. */
    public int code() {
        return code;
    }
}
