package dev.kolide.fleet.transport.http.routing;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link JsonHandler} returns when 200 with a body is not enough: another status, extra headers, or no
 * body (204).
 */
public record JsonReply(int status, Object body, Map<String, String> headers) {

    public JsonReply {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is not a final HTTP status");
        }
        if (body == null && status != 204) {
            throw new IllegalArgumentException("only a 204 reply has no body; answer {} with JsonReply.empty()");
        }
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
    }

    /** 200 with {@code body}. */
    public static JsonReply ok(Object body) {
        return new JsonReply(200, requireNonNull(body, "body is null"), Map.of());
    }

    /** {@code status} with {@code body}. */
    public static JsonReply of(int status, Object body) {
        return new JsonReply(status, requireNonNull(body, "body is null"), Map.of());
    }

    /** 200 with {@code {}}, what Kolide Fleet answers for a delete or an accepted log batch. */
    public static JsonReply empty() {
        return ok(Map.of());
    }

    /** 204, no body. */
    public static JsonReply noContent() {
        return new JsonReply(204, null, Map.of());
    }

    /** This reply with one more header (replacing one of the same name). */
    public JsonReply withHeader(String name, String value) {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new JsonReply(status, body, more);
    }
}
