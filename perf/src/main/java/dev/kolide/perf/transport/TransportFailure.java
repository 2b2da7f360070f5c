package dev.kolide.perf.transport;

/**
 * A request that failed: {@link #kind()} is the short label reports count errors by ({@code http_500},
 * {@code timeout}, {@code connect}, {@code grpc_UNAVAILABLE}, {@code decode} ...).
 */
public final class TransportFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String kind;

    public TransportFailure(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public TransportFailure(String kind, String message) {
        this(kind, message, null);
    }

    public String kind() {
        return kind;
    }
}
