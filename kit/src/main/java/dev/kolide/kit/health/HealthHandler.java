package dev.kolide.kit.health;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /healthz} (or another path) from {@link HealthChecks}: 200 when every check passes, 500
 * when any fails, and a JSON body either way:
 *
 * <pre>{@code
 * {"healthy":false,"checks":[{"name":"mysql","healthy":true},{"name":"redis","healthy":false,"error":"..."}]}
 * }</pre>
 *
 * <p>Other methods get 405 with {@code Allow: GET}. Requests for other paths are declined ({@code handle}
 * returns false), so the handler can sit in a {@link Handler.Sequence} before the rest of a server. The body
 * carries the checks' messages, never a stack trace; those are logged by {@link HealthChecks}. A request
 * holds its Jetty thread while the checks run, at most the checks' timeout.
 */
public final class HealthHandler extends Handler.Abstract {
    public static final String DEFAULT_PATH = "/healthz";

    private static final String JSON = "application/json";

    private final String path;
    private final HealthChecks checks;
    private final ObjectMapper json;
    private final Logger log = LoggerFactory.getLogger(HealthHandler.class);

    public HealthHandler(HealthChecks checks, ObjectMapper json) {
        this(DEFAULT_PATH, checks, json);
    }

    public HealthHandler(String path, HealthChecks checks, ObjectMapper json) {
        this.path = requireNonNull(path, "path is null");
        this.checks = requireNonNull(checks, "checks is null");
        this.json = requireNonNull(json, "json is null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /, not " + path);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!path.equals(Request.getPathInContext(request))) {
            return false;
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, HttpMethod.GET.asString());
            write(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "method not allowed; use GET"));
            return true;
        }
        HealthReport report = checks.run();
        write(response, callback, report.healthy() ? HttpStatus.OK_200 : HttpStatus.INTERNAL_SERVER_ERROR_500, report);
        return true;
    }

    private void write(Response response, Callback callback, int status, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // Not Jetty's error page: it could show the exception.
            log.error("encoding the health response as JSON", e);
            status = HttpStatus.INTERNAL_SERVER_ERROR_500;
            bytes = "{\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        // A health answer is about now; a cache between prober and server must not replay it.
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
