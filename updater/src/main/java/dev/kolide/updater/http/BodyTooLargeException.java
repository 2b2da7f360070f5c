package dev.kolide.updater.http;

import java.io.IOException;

/** A response body went past the number of bytes the caller allowed; reading stopped there. */
public final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long cap;

    public BodyTooLargeException(long cap) {
        super("the response is longer than the " + cap + " bytes allowed");
        this.cap = cap;
    }

    public long cap() {
        return cap;
    }
}
