package dev.kolide.launcher.service;

/**
 * The kinds of log a launcher publishes, numbered as the wire numbers them ({@code LogCollection.LogType}): osquery's
 * {@code string} and {@code snapshot} logs are results, {@code status} logs are status, anything else is agent.
 */
public enum LogKind {
    RESULT(0),
    STATUS(1),
    AGENT(2);

    private final int wireNumber;

    LogKind(int wireNumber) {
        this.wireNumber = wireNumber;
    }

    public int wireNumber() {
        return wireNumber;
    }

    /** The kind with wire number {@code number}. */
    public static LogKind fromWireNumber(int number) {
        for (LogKind kind : values()) {
            if (kind.wireNumber == number) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown log type " + number + " (expected 0 result, 1 status, 2 agent)");
    }
}
