package dev.kolide.fleet.transport.http.body;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.transport.http.errors.ApiException;
import dev.kolide.fleet.transport.http.errors.BadRequestException;
import dev.kolide.fleet.transport.http.errors.PayloadTooLargeException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Reads a whole request body into memory, within a {@link BodyLimit}, undoing {@code Content-Encoding: gzip}
 * (osquery's {@code --logger_tls_compress}).
 *
 * <p>The limit is checked three times: against {@code Content-Length} before a byte is read (so a client that
 * announces too much is answered at once, and one that sent {@code Expect: 100-continue} never sends it); while
 * reading, for bodies without a length (chunked, or HTTP/2 without content-length); and on the decompressed bytes,
 * so a small gzip that inflates to gigabytes (a gzip bomb) stops at the limit. Reading stops one byte past the
 * limit: the rest is never buffered, and Jetty discards it or closes the connection.
 */
public final class RequestBodies {

    private static final String GZIP = "gzip";
    private static final String IDENTITY = "identity";

    private RequestBodies() {}

    /**
     * The body's bytes, decompressed.
     *
     * @throws PayloadTooLargeException (413) when the body, compressed or not, is larger than {@code limit}
     * @throws BadRequestException (400) when a gzip body is corrupt
     * @throws ApiException 415 for a content encoding other than gzip; 408 when the client stalls mid-body
     */
    public static byte[] read(Request request, BodyLimit limit) {
        requireNonNull(request, "request is null");
        requireNonNull(limit, "limit is null");
        boolean gzip = isGzip(request.getHeaders().get(HttpHeader.CONTENT_ENCODING));
        long declared = request.getLength();
        if (declared > limit.bytes()) {
            throw new PayloadTooLargeException("the request body is " + declared + " bytes; this endpoint accepts"
                    + " at most " + limit.bytes());
        }
        InputStream wire = new LimitedInputStream(Request.asInputStream(request), limit.bytes(),
                "the request body is larger than the " + limit.bytes() + " bytes this endpoint accepts");
        try {
            if (!gzip) {
                return wire.readAllBytes();
            }
            GZIPInputStream gunzip = new GZIPInputStream(wire);
            try {
                return new LimitedInputStream(gunzip, limit.bytes(), "the request body decompresses to more than"
                        + " the " + limit.bytes() + " bytes this endpoint accepts").readAllBytes();
            } finally {
                gunzip.close(); // frees the native inflater; leaves the request's stream open
            }
        } catch (ZipException | EOFException e) {
            // GZIPInputStream's words ("Not in GZIP format", "invalid stored block lengths", "Unexpected end of
            // ZLIB input stream") are about the client's bytes, and safe to repeat.
            throw new BadRequestException("the request body is not valid gzip: " + e.getMessage(), e);
        } catch (IOException e) {
            if (hasCause(e, TimeoutException.class)) {
                throw new ApiException(408, "timed out waiting for the rest of the request body", e);
            }
            throw new UncheckedIOException("reading the request body", e);
        }
    }

    private static boolean isGzip(String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank()
                || contentEncoding.strip().equalsIgnoreCase(IDENTITY)) {
            return false;
        }
        String coding = contentEncoding.strip();
        if (coding.equalsIgnoreCase(GZIP) || coding.equalsIgnoreCase("x-gzip")) {
            return true;
        }
        throw new ApiException(415, "unsupported Content-Encoding \"" + coding + "\"; send gzip or no encoding");
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
