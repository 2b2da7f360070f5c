package dev.kolide.fleet.transport.http.api.carves;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.service.api.Viewer;
import dev.kolide.fleet.service.api.carves.CarveContent;
import dev.kolide.fleet.service.api.carves.CarveService;
import dev.kolide.fleet.transport.http.api.Authenticator;
import dev.kolide.fleet.transport.http.errors.BadRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET carves/{id}/download}: the reassembled file as {@code application/octet-stream}, streamed a block
 * at a time from the datastore to the client, so that a carve of gigabytes is never held in memory.
 *
 * <p>Failures before the first byte (401, 403, 404, 409) are thrown and answered by the router as JSON in the
 * user API style. A failure mid-stream cannot change the status any more: the response is cut short (the
 * connection or stream is reset), so a client never mistakes a truncated file for a whole one.
 */
public final class CarveDownloadHandler extends Handler.Abstract {

    private final CarveService carves;
    private final Authenticator auth;

    public CarveDownloadHandler(CarveService carves, Authenticator auth) {
        this.carves = requireNonNull(carves, "carves is null");
        this.auth = requireNonNull(auth, "auth is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long id = carveId(Request.getPathInContext(request));
        Viewer viewer = auth.viewer(Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION)));
        CarveContent content = carves.open(viewer, id);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.getHeaders().put("Content-Disposition",
                "attachment; filename=\"" + fileName(content.carve().name()) + ".tar\"");
        OutputStream out = Content.Sink.asOutputStream(response);
        try (InputStream in = content.content()) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            if (!response.isCommitted()) {
                throw e instanceof IOException io ? new UncheckedIOException("streaming carve " + id, io)
                        : (RuntimeException) e;
            }
            // Not closing the output: closing would end the response as if the file were whole.
            callback.failed(e);
            return true;
        }
        try {
            out.close();
            callback.succeeded();
        } catch (IOException e) {
            callback.failed(e);
        }
        return true;
    }

    /** The {@code {id}} of {@code .../carves/{id}/download}. */
    static long carveId(String path) {
        String[] segments = path.split("/");
        String id = segments.length >= 2 ? segments[segments.length - 2] : "";
        try {
            long value = Long.parseLong(id);
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadRequestException("path parameter id must be a non-negative integer, got \""
                    + (id.length() > 40 ? id.substring(0, 40) + "..." : id) + "\"");
        }
    }

    /** The carve's name with anything but letters, digits, dot, dash and underscore replaced, for the header. */
    static String fileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "carve" : safe;
    }
}
