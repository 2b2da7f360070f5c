package dev.kolide.cmd.fleetctl;

/** Something fleetctl itself could not do (a file, a missing setting); its message is shown as is. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
