package dev.kolide.kit.tls;

/** Setting up TLS failed: a file could not be read, a PEM block was wrong, a context could not be built. */
public final class TlsSetupException extends RuntimeException {

    public TlsSetupException(String message) {
        super(message);
    }

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
