package dev.kolide.fleet.transport.http.routing;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes a whole JSON body in one go; for the router, and for Jetty handlers that answer JSON themselves. */
public final class JsonResponses {

    /** As Kolide Fleet (Go's kithttp) sends it. */
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private JsonResponses() {}

    /** Answers {@code status} with {@code json} (UTF-8), completing {@code callback} when written. */
    public static void write(Response response, Callback callback, int status, byte[] json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(json), callback);
    }
}
