package dev.kolide.launcher.service;

/** The server refused this host's node key (or the enroll secret): enroll again. */
public final class NodeInvalidException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NodeInvalidException(String message) {
        super(message);
    }
}
