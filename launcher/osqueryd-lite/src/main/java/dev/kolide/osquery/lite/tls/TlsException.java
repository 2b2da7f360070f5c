package dev.kolide.osquery.lite.tls;

/**
 * A request to the TLS server failed: the message says which request and why. {@link #nodeInvalid()} marks the
 * server's {@code "node_invalid": true}, which osquery answers by enrolling again.
 */
public final class TlsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean nodeInvalid;

    public TlsException(String message) {
        this(message, false, null);
    }

    public TlsException(String message, Throwable cause) {
        this(message, false, cause);
    }

    private TlsException(String message, boolean nodeInvalid, Throwable cause) {
        super(message, cause);
        this.nodeInvalid = nodeInvalid;
    }

    static TlsException nodeInvalid(String message) {
        return new TlsException(message, true, null);
    }

    public boolean nodeInvalid() {
        return nodeInvalid;
    }
}
