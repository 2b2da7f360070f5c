package dev.kolide.fleet.transport.http.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the route for a method and path. Templates without parameters sit in a hash map by their exact path
 * (every osquery endpoint: one lookup per check-in); the others are grouped by segment count, most specific
 * first, so a request compares its segments against the few templates of its own length only, with no
 * regular expressions.
 *
 * <p>Routes whose templates differ only in parameter names ({@code GET /queries/{id}} and
 * {@code DELETE /queries/{name}}) share a {@link Shape} and are told apart by method.
 */
final class RouteTable {

    private static final String[] NO_VALUES = new String[0];
    private static final Shape[] NO_SHAPES = new Shape[0];

    private final Map<String, Shape> exact;
    private final Shape[][] withParametersBySegmentCount;

    RouteTable(List<Route> routes) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (Route route : routes) {
            Shape shape = shapes.computeIfAbsent(route.template().shape(), key -> new Shape(route.template()));
            shape.add(route);
        }
        Map<String, Shape> exactShapes = new HashMap<>();
        List<List<Shape>> byCount = new ArrayList<>();
        for (Shape shape : shapes.values()) {
            if (!shape.template.hasParameters()) {
                exactShapes.put(shape.template.template(), shape);
                continue;
            }
            int count = shape.template.segmentCount();
            while (byCount.size() <= count) {
                byCount.add(new ArrayList<>());
            }
            byCount.get(count).add(shape);
        }
        this.exact = Map.copyOf(exactShapes);
        this.withParametersBySegmentCount = new Shape[byCount.size()][];
        for (int i = 0; i < byCount.size(); i++) {
            List<Shape> list = byCount.get(i);
            // Stable sort: templates equally specific keep their registration order.
            list.sort(Comparator.comparing(shape -> shape.template, RouteTemplate::bySpecificity));
            withParametersBySegmentCount[i] = list.toArray(NO_SHAPES);
        }
    }

    /** The route for {@code method} and {@code path}; or why there is none. */
    Match find(String method, String path) {
        Shape exactShape = exact.get(path);
        if (exactShape != null) {
            Route route = exactShape.byMethod.get(method);
            if (route != null) {
                return Match.found(route, NO_VALUES);
            }
        }
        Shape firstWithoutMethod = exactShape;
        int[] bounds = PathSegments.bounds(path);
        if (bounds != null && bounds.length / 2 < withParametersBySegmentCount.length) {
            for (Shape shape : withParametersBySegmentCount[bounds.length / 2]) {
                if (!shape.template.matches(path, bounds)) {
                    continue;
                }
                Route route = shape.byMethod.get(method);
                if (route != null) {
                    return Match.found(route, route.template().values(path, bounds));
                }
                if (firstWithoutMethod == null) {
                    firstWithoutMethod = shape;
                }
            }
        }
        if (firstWithoutMethod == null) {
            return Match.NOT_FOUND;
        }
        return Match.methodNotAllowed(firstWithoutMethod.template.template(), allowedMethods(path, bounds));
    }

    /** The methods of every shape matching {@code path}; only on the (rare) 405 path, so it may allocate. */
    private String allowedMethods(String path, int[] bounds) {
        TreeSet<String> methods = new TreeSet<>();
        Shape exactShape = exact.get(path);
        if (exactShape != null) {
            methods.addAll(exactShape.byMethod.keySet());
        }
        if (bounds != null && bounds.length / 2 < withParametersBySegmentCount.length) {
            for (Shape shape : withParametersBySegmentCount[bounds.length / 2]) {
                if (shape.template.matches(path, bounds)) {
                    methods.addAll(shape.byMethod.keySet());
                }
            }
        }
        return String.join(", ", methods);
    }

    /** Templates that match the same paths, and their routes by method. */
    private static final class Shape {
        final RouteTemplate template;
        final Map<String, Route> byMethod = new HashMap<>();

        Shape(RouteTemplate template) {
            this.template = template;
        }

        void add(Route route) {
            Route previous = byMethod.putIfAbsent(route.method(), route);
            if (previous != null) {
                throw new IllegalArgumentException("two routes for " + route.method() + " " + route.template()
                        + (previous.template().template().equals(route.template().template())
                                ? "" : " and " + previous.template()));
            }
        }
    }

    /** The outcome of {@link #find}: a route and its parameter values, a 405 with its Allow value, or a 404. */
    static final class Match {
        static final Match NOT_FOUND = new Match(null, null, null, null);

        final Route route;
        final String[] values;
        final String template;
        final String allow;

        private Match(Route route, String[] values, String template, String allow) {
            this.route = route;
            this.values = values;
            this.template = template;
            this.allow = allow;
        }

        static Match found(Route route, String[] values) {
            return new Match(route, values, route.template().template(), null);
        }

        static Match methodNotAllowed(String template, String allow) {
            return new Match(null, null, template, allow);
        }

        boolean isFound() {
            return route != null;
        }

        boolean isMethodNotAllowed() {
            return route == null && allow != null;
        }
    }
}
