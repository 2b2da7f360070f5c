package dev.kolide.kit.reqid;

import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty 12 core handler that gives every request an id: the client's {@value RequestIds#HTTP_HEADER} if
 * acceptable, else a fresh one. The id is echoed in the response header, stored as a request attribute (see
 * {@link #requestId(Request)}), and put in the MDC while the wrapped handler runs.
 *
 * <p>The MDC only covers the thread that calls {@link #handle}: a handler that completes the request
 * asynchronously should open a {@link RequestIdScope} with {@link #requestId(Request)} on the thread that
 * continues the work.
 */
public class RequestIdHandler extends Handler.Wrapper {

    /** Request attribute holding the id, for handlers that prefer the attribute API. */
    public static final String ATTRIBUTE = RequestIdHandler.class.getName() + ".requestId";

    public RequestIdHandler() {}

    public RequestIdHandler(Handler handler) {
        super(handler);
    }

    /** The id {@link RequestIdHandler} gave {@code request}; empty when the request did not pass through one. */
    public static Optional<String> requestId(Request request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof String s ? Optional.of(s) : Optional.empty();
    }

    @Override
    @SuppressWarnings("try") // the scope is opened for its effect on the MDC
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String id = RequestIds.acceptOrCreate(request.getHeaders().get(RequestIds.HTTP_HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.getHeaders().put(RequestIds.HTTP_HEADER, id);
        try (RequestIdScope ignored = RequestIdScope.open(id)) {
            return super.handle(request, response, callback);
        }
    }
}
