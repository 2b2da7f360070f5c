package dev.kolide.osquery.sdk;

import static java.util.Objects.requireNonNull;

/**
 * osquery's {@code ExtensionStatus}: a code ({@link #SUCCESS}, {@link #FAILED}, {@link #FATAL}), a message and,
 * in replies to {@code registerExtension}, the uuid the manager gave the extension.
 */
public record ExtensionStatus(int code, String message, long uuid) {
    public static final int SUCCESS = 0;
    public static final int FAILED = 1;
    public static final int FATAL = 2;

    public ExtensionStatus {
        requireNonNull(message, "message is null");
    }

    /** {@code {0, "OK"}}, what osquery-go's handlers answer on success. */
    public static ExtensionStatus ok() {
        return new ExtensionStatus(SUCCESS, "OK", 0);
    }

    public static ExtensionStatus failed(String message) {
        return new ExtensionStatus(FAILED, message, 0);
    }

    public boolean isOk() {
        return code == SUCCESS;
    }
}
