package dev.kolide.fleet.transport.http.routing;

import dev.kolide.fleet.transport.http.errors.BadRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The values of a route's {@code {name}} segments, percent-decoded. */
public final class PathParams {

    private final List<String> names;
    private final String[] values;

    PathParams(List<String> names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /**
     * The value of {@code name}. Asking for a name the route's template does not have is a programming error
     * ({@link IllegalArgumentException}), not a client's.
     */
    public String get(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("the route has no path parameter \"" + name + "\"; it has " + names);
        }
        return values[index];
    }

    /** The value of {@code name} as a long; 400 when it is not a decimal integer. */
    public long getLong(String name) {
        String value = get(name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException("path parameter " + name + " must be an integer, got \"" + value + "\"");
        }
    }

    /** The value of {@code name} as an id: a non-negative integer (Kolide's ids are unsigned); 400 otherwise. */
    public long getId(String name) {
        long id = getLong(name);
        if (id < 0) {
            throw new BadRequestException("path parameter " + name + " must not be negative, got " + id);
        }
        return id;
    }

    /** Every parameter by name, in template order. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(names.get(i), values[i]);
        }
        return map;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
