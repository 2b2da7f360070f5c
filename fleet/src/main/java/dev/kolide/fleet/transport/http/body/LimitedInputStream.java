package dev.kolide.fleet.transport.http.body;

import dev.kolide.fleet.transport.http.errors.PayloadTooLargeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes through at most {@code limit} bytes and fails with a {@link PayloadTooLargeException} as soon as the
 * source has more, without reading further than one byte past the limit.
 */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final String tooLargeMessage;
    private long count;

    LimitedInputStream(InputStream in, long limit, String tooLargeMessage) {
        super(in);
        this.limit = limit;
        this.tooLargeMessage = tooLargeMessage;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // Asking for one byte more than the limit allows is how the excess is noticed.
        long allowed = limit - count + 1;
        int n = super.read(buffer, offset, (int) Math.min(length, allowed));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - count + 1));
        counted(skipped);
        return skipped;
    }

    /**
     * Does not close the source: a request's stream is Jetty's to finish, and closing it early would fail the
     * exchange before the response is written.
     */
    @Override
    public void close() {}

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(long n) {
        count += n;
        if (count > limit) {
            throw new PayloadTooLargeException(tooLargeMessage);
        }
    }
}
