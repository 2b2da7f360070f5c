package dev.kolide.updater.http;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where the chunks of a response body go, in order, as they arrive (a byte array, a file and its digests ...). */
@FunctionalInterface
public interface BodySink {
    /** Consumes every remaining byte of {@code chunk}. */
    void accept(ByteBuffer chunk) throws IOException;
}
