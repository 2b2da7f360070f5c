package dev.kolide.fleet.transport.http.routing;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import dev.kolide.fleet.transport.http.errors.ExceptionMappings;
import dev.kolide.fleet.transport.http.errors.MethodNotAllowedException;
import dev.kolide.fleet.transport.http.errors.NotFoundException;
import dev.kolide.fleet.transport.http.json.JsonCodec;
import dev.kolide.fleet.transport.http.metrics.HttpMetrics;
import dev.kolide.fleet.transport.http.metrics.InstrumentingHandler;
import dev.kolide.kit.reqid.RequestIdHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty handler that picks a route by method and path, runs it, and answers its result or failure as JSON.
 * Every request gets an answer here: 404 for a path no route has, 405 with {@code Allow} for a path that has
 * routes for other methods, both in the error style of the group the path falls under.
 *
 * <p>Methods are matched exactly: a GET route does not answer HEAD or OPTIONS (no CORS preflight either); add
 * routes for them where needed.
 *
 * <p>Built once by the wiring; immutable afterwards:
 *
 * <pre>{@code
 * Router.Builder routes = Router.builder(codec, metrics).exceptionMappings(mappings);
 * RouteGroup osquery = routes.group("/api/v1/osquery", ErrorStyle.OSQUERY);
 * osquery.post("/enroll", endpoints::enroll);
 * RouteGroup api = routes.group("/api/v1/kolide", ErrorStyle.USER_API);
 * api.get("/hosts/{id}", request -> Map.of("host", hosts.get(request.pathParams().getId("id"))));
 * Router router = routes.build();
 * }</pre>
 */
public final class Router extends Handler.AbstractContainer {

    private static final Pattern METHOD = Pattern.compile("[A-Z]+");

    private final RouteTable table;
    private final List<Handler> jettyHandlers;
    /** Group prefixes and styles, longest prefix first, for 404s. */
    private final List<RouteGroup> groupsByPrefixLength;
    private final ErrorStyle defaultErrorStyle;
    private final JsonCodec codec;
    private final HttpMetrics metrics;
    private final ClientAddresses clientAddresses;
    private final ErrorResponder errors;

    private Router(Builder builder) {
        this.table = new RouteTable(builder.routes);
        this.jettyHandlers = builder.routes.stream()
                .map(Route::jettyHandler)
                .filter(handler -> handler != null)
                .distinct()
                .toList();
        List<RouteGroup> groups = new ArrayList<>(builder.groups);
        groups.sort(Comparator.comparingInt((RouteGroup group) -> group.prefix().length()).reversed());
        this.groupsByPrefixLength = List.copyOf(groups);
        this.defaultErrorStyle = builder.defaultErrorStyle;
        this.codec = builder.codec;
        this.metrics = builder.metrics;
        this.clientAddresses = builder.clientAddresses;
        this.errors = new ErrorResponder(builder.codec, builder.exceptionMappings, builder.errorLog);
        for (Handler handler : jettyHandlers) {
            addBean(handler);
        }
    }

    /** Begins a router; {@code codec} encodes and decodes bodies, {@code metrics} gets one series per route. */
    public static Builder builder(JsonCodec codec, HttpMetrics metrics) {
        return new Builder(codec, metrics);
    }

    /** The error style for {@code path}: its longest matching group prefix's, else the default. */
    public ErrorStyle errorStyleFor(String path) {
        for (RouteGroup group : groupsByPrefixLength) {
            String prefix = group.prefix();
            if (path.startsWith(prefix) && (prefix.isEmpty() || path.length() == prefix.length()
                    || path.charAt(prefix.length()) == '/')) {
                return group.errorStyle();
            }
        }
        return defaultErrorStyle;
    }

    /** How failures become responses; for handlers outside the router that answer in the same way. */
    public ErrorResponder errorResponder() {
        return errors;
    }

    @Override
    public List<Handler> getHandlers() {
        return jettyHandlers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        RouteTable.Match match = table.find(method, path);
        if (match.isFound()) {
            Route route = match.route;
            InstrumentingHandler.recordAs(request, route.series());
            serve(route, new PathParams(route.template().parameterNames(), match.values), request, response,
                    callback);
        } else if (match.isMethodNotAllowed()) {
            InstrumentingHandler.recordAs(request, metrics.series(method, match.template));
            errors.write(response, callback, errorStyleFor(path),
                    new MethodNotAllowedException(method + " is not allowed on " + path + "; use " + match.allow,
                            match.allow),
                    requestId(request));
        } else {
            InstrumentingHandler.recordAs(request, metrics.unmatched(method));
            errors.write(response, callback, errorStyleFor(path), new NotFoundException("no such endpoint: " + path),
                    requestId(request));
        }
        return true;
    }

    private void serve(Route route, PathParams params, Request request, Response response, Callback callback) {
        try {
            if (route.jettyHandler() != null) {
                if (!route.jettyHandler().handle(request, response, callback)) {
                    errors.write(response, callback, route.errorStyle(),
                            new NotFoundException("no such endpoint: " + Request.getPathInContext(request)),
                            requestId(request));
                }
                return;
            }
            Object result = route.jsonHandler().handle(new RouteRequest(request, route, params, codec,
                    clientAddresses));
            if (result == null) {
                throw new IllegalStateException("the handler of " + route.method() + " " + route.template()
                        + " returned null; return JsonReply.empty() for {} or JsonReply.noContent()");
            }
            JsonReply reply = result instanceof JsonReply r ? r : JsonReply.ok(result);
            byte[] body = reply.body() == null ? null : codec.encode(reply.body());
            reply.headers().forEach(response.getHeaders()::put);
            if (body == null) {
                response.setStatus(reply.status());
                response.write(true, null, callback);
            } else {
                JsonResponses.write(response, callback, reply.status(), body);
            }
        } catch (Exception e) {
            errors.respond(request, response, callback, route.errorStyle(), e);
        }
    }

    private static String requestId(Request request) {
        return RequestIdHandler.requestId(request).orElse("none");
    }

    /** Collects groups and routes; {@link #build()} checks them all and makes the router. */
    public static final class Builder {
        private final JsonCodec codec;
        private final HttpMetrics metrics;
        private final List<RouteGroup> groups = new ArrayList<>();
        private final List<Route> routes = new ArrayList<>();
        private ExceptionMappings exceptionMappings = ExceptionMappings.none();
        private ClientAddresses clientAddresses = ClientAddresses.direct();
        private ErrorStyle defaultErrorStyle = ErrorStyle.USER_API;
        private Logger errorLog = LoggerFactory.getLogger(Router.class);
        private boolean built;

        private Builder(JsonCodec codec, HttpMetrics metrics) {
            this.codec = requireNonNull(codec, "codec is null");
            this.metrics = requireNonNull(metrics, "metrics is null");
        }

        /** A group of routes under {@code prefix} ("" for the root, else "/a/b" without a trailing slash). */
        public RouteGroup group(String prefix, ErrorStyle errorStyle) {
            requireNonNull(prefix, "prefix is null");
            requireNonNull(errorStyle, "errorStyle is null");
            requireNotBuilt();
            if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
                throw new IllegalArgumentException("a group prefix is empty or starts but does not end with /, not \""
                        + prefix + "\"");
            }
            if (groups.stream().anyMatch(group -> group.prefix().equals(prefix))) {
                throw new IllegalArgumentException("there is already a route group for \"" + prefix + "\"");
            }
            RouteGroup group = new RouteGroup(this, prefix, errorStyle);
            groups.add(group);
            return group;
        }

        /** How exceptions that are not ApiExceptions become errors; none by default (they answer 500). */
        public Builder exceptionMappings(ExceptionMappings exceptionMappings) {
            this.exceptionMappings = requireNonNull(exceptionMappings, "exceptionMappings is null");
            return this;
        }

        /** Who the client is ({@link RouteRequest#clientAddress()}); the TCP peer by default. */
        public Builder clientAddresses(ClientAddresses clientAddresses) {
            this.clientAddresses = requireNonNull(clientAddresses, "clientAddresses is null");
            return this;
        }

        /** The error style of paths outside every group; {@link ErrorStyle#USER_API} by default. */
        public Builder defaultErrorStyle(ErrorStyle defaultErrorStyle) {
            this.defaultErrorStyle = requireNonNull(defaultErrorStyle, "defaultErrorStyle is null");
            return this;
        }

        /** Where unexpected failures are logged with their stack trace; the Router class's logger by default. */
        public Builder errorLog(Logger errorLog) {
            this.errorLog = requireNonNull(errorLog, "errorLog is null");
            return this;
        }

        public Router build() {
            requireNotBuilt();
            built = true;
            return new Router(this);
        }

        void add(String method, String path, ErrorStyle style, JsonHandler jsonHandler, Handler jettyHandler,
                RouteOption... options) {
            requireNonNull(method, "method is null");
            requireNonNull(options, "options is null");
            requireNotBuilt();
            if (!METHOD.matcher(method).matches()) {
                throw new IllegalArgumentException("HTTP method \"" + method + "\" is not upper-case letters; did you"
                        + " mean " + method.toUpperCase(Locale.ROOT) + "?");
            }
            RouteTemplate template = RouteTemplate.parse(path);
            RouteOption.Settings settings = new RouteOption.Settings();
            for (RouteOption option : options) {
                requireNonNull(option, "option is null").accept(settings);
            }
            Route route = new Route(method, template, style, settings.bodyLimit, jsonHandler, jettyHandler,
                    metrics.series(method, template.template()));
            // A trial table fails at registration, next to the offending line, rather than at build.
            List<Route> withRoute = new ArrayList<>(routes);
            withRoute.add(route);
            new RouteTable(withRoute);
            routes.add(route);
        }

        private void requireNotBuilt() {
            if (built) {
                throw new IllegalStateException("the router is already built; register every route before build()");
            }
        }
    }
}
