package dev.kolide.fleet.transport.http.api.queries;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.service.api.queries.QueryDetails;
import dev.kolide.fleet.service.api.queries.QueryInput;
import dev.kolide.fleet.service.api.queries.QueryService;
import dev.kolide.fleet.transport.http.api.Authenticator;
import dev.kolide.fleet.transport.http.api.Bodies;
import dev.kolide.fleet.transport.http.api.ListParams;
import dev.kolide.fleet.transport.http.errors.BadRequestException;
import dev.kolide.fleet.transport.http.routing.JsonReply;
import dev.kolide.fleet.transport.http.api.ApiRouteGroup;
import java.util.List;
import java.util.Map;

/**
 * {@code queries}, {@code queries/{id}}, {@code queries/{name}} (DELETE), {@code queries/id/{id}} (DELETE),
 * {@code queries/delete} and {@code spec/queries[/{name}]}. Live queries ({@code queries/run...}) are not here.
 */
public final class QueryRoutes {

    record DeleteQueriesRequest(List<Long> ids) {}

    record DeleteQueriesResponse(int deleted) {}

    record QuerySpecsRequest(List<QueryInput> specs) {}

    private final QueryService queries;
    private final Authenticator auth;

    public QueryRoutes(QueryService queries, Authenticator auth) {
        this.queries = requireNonNull(queries, "queries is null");
        this.auth = requireNonNull(auth, "auth is null");
    }

    public void register(ApiRouteGroup api) {
        api.get("/queries", request -> Map.of("queries",
                queries.list(auth.viewer(request), ListParams.page(request)).stream().map(QueryJson::from).toList()));
        api.post("/queries", request -> query(queries.create(auth.viewer(request),
                Bodies.required(request, QueryInput.class))));
        api.get("/queries/{id}", request -> query(queries.get(auth.viewer(request), request.pathParams().getId("id"))));
        api.patch("/queries/{id}", request -> query(queries.modify(auth.viewer(request),
                request.pathParams().getId("id"), Bodies.required(request, QueryInput.class))));
        api.delete("/queries/{name}", request -> {
            queries.deleteByName(auth.viewer(request), request.pathParams().get("name"));
            return JsonReply.empty();
        });
        api.delete("/queries/id/{id}", request -> {
            queries.delete(auth.viewer(request), request.pathParams().getId("id"));
            return JsonReply.empty();
        });
        api.post("/queries/delete", request -> {
            DeleteQueriesRequest body = Bodies.required(request, DeleteQueriesRequest.class);
            if (body.ids() == null) {
                throw new BadRequestException("field ids must be an array of query ids");
            }
            return new DeleteQueriesResponse(queries.deleteAll(auth.viewer(request),
                    List.copyOf(Bodies.ids("ids", body.ids()))));
        });
        api.post("/spec/queries", request -> {
            QuerySpecsRequest body = Bodies.required(request, QuerySpecsRequest.class);
            queries.applySpecs(auth.viewer(request), body.specs() == null ? List.of() : body.specs());
            return JsonReply.empty();
        });
        api.get("/spec/queries", request -> Map.of("specs", queries.specs(auth.viewer(request))));
        api.get("/spec/queries/{name}", request -> Map.of("specs",
                queries.spec(auth.viewer(request), request.pathParams().get("name"))));
    }

    private static Map<String, QueryJson> query(QueryDetails details) {
        return Map.of("query", QueryJson.from(details));
    }
}
