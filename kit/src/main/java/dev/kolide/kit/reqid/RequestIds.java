package dev.kolide.kit.reqid;

import java.util.Optional;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * The names a request id travels under, and the one rule for accepting an id from outside.
 *
 * <p>An id arrives from a client we do not control and ends up in every log line of the request, so only a
 * short run of visible ASCII is taken as given; anything else is replaced by a fresh random UUID and never
 * logged. The fresh id is what the server echoes back, so a client can still correlate.
 */
public final class RequestIds {

    /** HTTP header carrying the id both ways. */
    public static final String HTTP_HEADER = "X-Request-Id";

    /** gRPC metadata key (ASCII, lower-case as gRPC requires) carrying the id both ways. */
    public static final String GRPC_METADATA_KEY = "request-id";

    /** SLF4J MDC key under which the log encoders show the id. */
    public static final String MDC_KEY = "request_id";

    /** Longest id accepted; a UUID is 36, a W3C trace id 32, and 128 leaves room for other schemes. */
    public static final int MAX_LENGTH = 128;

    private RequestIds() {}

    /** Whether {@code candidate} is 1 to {@value #MAX_LENGTH} visible ASCII characters (no space). */
    public static boolean isAcceptable(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /** A fresh id: a random (version 4) UUID. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** {@code candidate} when acceptable, else a fresh id; {@code candidate} may be null (absent). */
    public static String acceptOrCreate(String candidate) {
        return isAcceptable(candidate) ? candidate : newId();
    }

    /** The id of the request this thread is serving, if an acceptable one is in the MDC. */
    public static Optional<String> currentFromMdc() {
        String id = MDC.get(MDC_KEY);
        return isAcceptable(id) ? Optional.of(id) : Optional.empty();
    }
}
