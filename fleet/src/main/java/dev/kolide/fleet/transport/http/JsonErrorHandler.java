package dev.kolide.fleet.transport.http;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.transport.http.errors.ApiException;
import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import dev.kolide.fleet.transport.http.routing.ErrorResponder;
import dev.kolide.fleet.transport.http.routing.JsonResponses;
import dev.kolide.fleet.transport.http.routing.Router;
import dev.kolide.kit.reqid.RequestIdHandler;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses in fleet's JSON shapes instead of HTML: malformed requests Jetty refuses before
 * the router sees them (bad URI, headers too large), 503 while shutting down, and failures thrown outside the
 * router. 5xx bodies carry only the request id. The router's errors never come through here.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final Router router;

    JsonErrorHandler(Router router) {
        this.router = requireNonNull(router, "router is null");
        setShowStacks(false);
        setShowCauses(false);
    }

    /** Every method gets a body; Jetty's default leaves PUT, PATCH and DELETE errors empty. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        ErrorStyle style = router.errorStyleFor(Request.getPathInContext(request));
        String requestId = RequestIdHandler.requestId(request).orElse("none");
        byte[] body = router.errorResponder().body(style, toApiException(code, message, requestId));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonResponses.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Errors found while parsing, before there is a request to route: the user API shape. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JsonResponses.CONTENT_TYPE);
        return ByteBuffer.wrap(router.errorResponder().body(ErrorStyle.USER_API,
                toApiException(status, reason, "none")));
    }

    private static ApiException toApiException(int code, String message, String requestId) {
        if (code == HttpStatus.SERVICE_UNAVAILABLE_503) {
            return new ApiException(503, "the server is unavailable (shutting down or overloaded); try again later");
        }
        if (code >= 500 && code <= 599) {
            return ErrorResponder.internalError(requestId);
        }
        int status = code >= 400 && code <= 499 ? code : HttpStatus.BAD_REQUEST_400;
        String text = message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        return new ApiException(status, text);
    }
}
