package dev.kolide.fleet.transport.http.errors;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;

/** 429: the caller is over a rate limit; {@code Retry-After} says in how many seconds to try again. */
public class TooManyRequestsException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public TooManyRequestsException(String message, Duration retryAfter) {
        super(429, message);
        this.retryAfter = requireNonNull(retryAfter, "retryAfter is null");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter is negative: " + retryAfter);
        }
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up: a client told 0 while the limit still holds would retry at once. */
    @Override
    public Map<String, String> responseHeaders() {
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Map.of("Retry-After", Long.toString(seconds));
    }
}
