package dev.kolide.fleet.transport.http.api;

import dev.kolide.fleet.transport.http.errors.BadRequestException;
import dev.kolide.fleet.transport.http.routing.RouteRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Small decoding helpers shared by the route classes. */
public final class Bodies {

    private Bodies() {}

    /**
     * The body as {@code type}; a body that decodes to JSON {@code null} (or is missing where the route needs
     * one) is a 400 rather than a null reaching a service.
     */
    public static <T> T required(RouteRequest request, Class<T> type) {
        T body = request.body(type);
        if (body == null) {
            throw new BadRequestException("the request body must be a JSON object");
        }
        return body;
    }

    /** An id list as a set; null is empty, a null element is a 400. */
    public static Set<Long> ids(String field, List<Long> ids) {
        if (ids == null) {
            return Set.of();
        }
        Set<Long> set = new LinkedHashSet<>();
        for (Long id : ids) {
            if (id == null) {
                throw new BadRequestException("field " + field + " must hold integers, not null");
            }
            set.add(id);
        }
        return set;
    }

    /** {@code value}, or "" when absent. */
    public static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
