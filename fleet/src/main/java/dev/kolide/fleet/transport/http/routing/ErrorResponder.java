package dev.kolide.fleet.transport.http.routing;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.transport.http.errors.ApiException;
import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import dev.kolide.fleet.transport.http.errors.ExceptionMappings;
import dev.kolide.fleet.transport.http.json.JsonCodec;
import dev.kolide.kit.reqid.RequestIdHandler;
import dev.kolide.kit.reqid.RequestIds;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;

/**
 * The one place a failure becomes an HTTP error response: {@link ApiException}s and mapped exceptions answer
 * their status and message; anything else answers 500 with only the request id, and its stack trace is logged
 * once, here, with that id. Clients never see a stack trace or an exception class name.
 */
public final class ErrorResponder {

    private final JsonCodec codec;
    private final ExceptionMappings mappings;
    private final Logger log;

    public ErrorResponder(JsonCodec codec, ExceptionMappings mappings, Logger log) {
        this.codec = requireNonNull(codec, "codec is null");
        this.mappings = requireNonNull(mappings, "mappings is null");
        this.log = requireNonNull(log, "log is null");
    }

    /** Answers {@code failure} in {@code style}, or aborts the exchange if the response is already committed. */
    public void respond(Request request, Response response, Callback callback, ErrorStyle style, Throwable failure) {
        requireNonNull(failure, "failure is null");
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String requestId = RequestIdHandler.requestId(request).orElse("none");
        ApiException error = mappings.toApiException(failure).orElse(null);
        if (error == null) {
            logUnexpected(request, requestId, failure);
            error = internalError(requestId);
        } else if (error.status() >= 500) {
            logUnexpected(request, requestId, failure);
        } else {
            log.debug("{} {} answered {}: {}", request.getMethod(), Request.getPathInContext(request), error.status(),
                    error.getMessage());
        }
        if (response.isCommitted()) {
            // Part of a response is on its way; all that is left is to cut it short.
            callback.failed(failure);
            return;
        }
        write(response, callback, style, error, requestId);
    }

    /** Writes {@code error} in {@code style} without logging, for errors that are expected (404, 405). */
    public void write(Response response, Callback callback, ErrorStyle style, ApiException error, String requestId) {
        // A Jetty handler may have set headers before it failed; the error owns the response now.
        response.reset();
        response.getHeaders().put(RequestIds.HTTP_HEADER, requestId);
        for (Map.Entry<String, String> header : error.responseHeaders().entrySet()) {
            response.getHeaders().put(header.getKey(), header.getValue());
        }
        JsonResponses.write(response, callback, error.status(), body(style, error));
    }

    /** The JSON body of {@code error} in {@code style}. */
    public byte[] body(ErrorStyle style, ApiException error) {
        try {
            return codec.encode(style.body(error));
        } catch (RuntimeException e) {
            log.error("encoding an error response as JSON", e);
            return "{\"error\":\"internal server error\"}".getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The 500 that stands for any unexpected failure: says only where to look (the request id). */
    public static ApiException internalError(String requestId) {
        return new ApiException(500, "internal server error (request id " + requestId + ")");
    }

    private void logUnexpected(Request request, String requestId, Throwable failure) {
        log.atError()
                .setCause(failure)
                .addKeyValue(RequestIds.MDC_KEY, requestId)
                .addKeyValue("method", request.getMethod())
                .addKeyValue("path", Request.getPathInContext(request))
                .log("failed to serve a request");
    }
}
