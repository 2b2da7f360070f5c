package dev.kolide.fleet.client;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * fleet answered a request with an error: its HTTP status, its message and per-field reasons. The message shown
 * is the server's own, prefixed with what the client was doing.
 */
public final class FleetApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One entry of the server's {@code errors} list. */
    public record Reason(String name, String reason) {}

    private final int status;
    private final String serverMessage;
    private final List<Reason> reasons;

    public FleetApiException(String doing, int status, String serverMessage, List<Reason> reasons) {
        super(describe(requireNonNull(doing, "doing is null"), status, serverMessage, reasons));
        this.status = status;
        this.serverMessage = serverMessage;
        this.reasons = List.copyOf(reasons);
    }

    public int status() {
        return status;
    }

    public String serverMessage() {
        return serverMessage;
    }

    public List<Reason> reasons() {
        return reasons;
    }

    private static String describe(String doing, int status, String message, List<Reason> reasons) {
        StringBuilder text = new StringBuilder(doing).append(": ");
        text.append(message == null || message.isBlank() ? "fleet answered HTTP " + status : message);
        // Kolide repeats the message as the "base" reason; say only reasons that add something.
        String extra = reasons.stream()
                .filter(r -> r.reason() != null && !r.reason().equals(message))
                .map(r -> "base".equals(r.name()) || r.name() == null ? r.reason() : r.name() + ": " + r.reason())
                .collect(Collectors.joining("; "));
        if (!extra.isEmpty()) {
            text.append(" (").append(extra).append(')');
        }
        return text.toString();
    }
}
