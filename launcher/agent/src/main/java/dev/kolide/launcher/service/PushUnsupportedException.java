package dev.kolide.launcher.service;

/** The server does not push live queries (it answered UNIMPLEMENTED): distributed reads carry them. */
public final class PushUnsupportedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PushUnsupportedException(String message) {
        super(message);
    }
}
