package dev.kolide.fleet.transport.http.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.transport.http.body.BodyLimit;
import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import dev.kolide.fleet.transport.http.metrics.HttpMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which route a method and path find, without a server: the table behind {@link Router}. */
class RouteTableTest {

    private final HttpMetrics metrics = new HttpMetrics(new PrometheusRegistry());
    private final RouteTable table = new RouteTable(routes(
            "GET /api/v1/kolide/hosts",
            "GET /api/v1/kolide/hosts/{id}",
            "DELETE /api/v1/kolide/hosts/{id}",
            "GET /api/v1/kolide/hosts/identifier/{identifier}",
            "GET /api/v1/kolide/queries/{id}",
            "PATCH /api/v1/kolide/queries/{id}",
            "DELETE /api/v1/kolide/queries/{name}",
            "DELETE /api/v1/kolide/queries/id/{id}",
            "POST /api/v1/kolide/queries/delete",
            "GET /api/v1/kolide/packs/{id}/scheduled",
            "DELETE /api/v1/kolide/packs/id/{id}",
            "GET /api/v1/kolide/labels/{id}/hosts",
            "POST /api/v1/osquery/enroll",
            "POST /api/v1/osquery/distributed/read",
            "GET /healthz",
            "GET /"));

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /api/v1/kolide/hosts                       | /api/v1/kolide/hosts                             | {}
            GET    | /api/v1/kolide/hosts/42                    | /api/v1/kolide/hosts/{id}                        | {id=42}
            DELETE | /api/v1/kolide/hosts/42                    | /api/v1/kolide/hosts/{id}                        | {id=42}
            GET    | /api/v1/kolide/hosts/identifier/abc-123    | /api/v1/kolide/hosts/identifier/{identifier}     | {identifier=abc-123}
            GET    | /api/v1/kolide/queries/7                   | /api/v1/kolide/queries/{id}                      | {id=7}
            DELETE | /api/v1/kolide/queries/my%20query          | /api/v1/kolide/queries/{name}                    | {name=my query}
            DELETE | /api/v1/kolide/queries/a%2Fb               | /api/v1/kolide/queries/{name}                    | {name=a/b}
            DELETE | /api/v1/kolide/queries/id%2F7              | /api/v1/kolide/queries/{name}                    | {name=id/7}
            DELETE | /api/v1/kolide/queries/id/7                | /api/v1/kolide/queries/id/{id}                   | {id=7}
            POST   | /api/v1/kolide/queries/delete              | /api/v1/kolide/queries/delete                    | {}
            GET    | /api/v1/kolide/queries/delete              | /api/v1/kolide/queries/{id}                      | {id=delete}
            DELETE | /api/v1/kolide/packs/id/scheduled          | /api/v1/kolide/packs/id/{id}                     | {id=scheduled}
            GET    | /api/v1/kolide/packs/id/scheduled          | /api/v1/kolide/packs/{id}/scheduled              | {id=id}
            GET    | /api/v1/kolide/labels/5/hosts              | /api/v1/kolide/labels/{id}/hosts                 | {id=5}
            POST   | /api/v1/osquery/enroll                     | /api/v1/osquery/enroll                           | {}
            POST   | /api/v1/osquery/distributed/read           | /api/v1/osquery/distributed/read                 | {}
            GET    | /healthz                                   | /healthz                                         | {}
            GET    | /                                          | /                                                | {}
            """)
    void findsTheRouteAndItsParameters(String method, String path, String template, String params) {
        RouteTable.Match match = table.find(method, path);

        assertThat(match.isFound()).as("found").isTrue();
        assertThat(match.route.method()).isEqualTo(method);
        assertThat(match.route.template().template()).isEqualTo(template);
        assertThat(new PathParams(match.route.template().parameterNames(), match.values)).hasToString(params);
    }

    @ParameterizedTest(name = "{0} {1} -> 405, Allow: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            PUT    | /api/v1/kolide/hosts/1             | DELETE, GET
            POST   | /api/v1/kolide/hosts               | GET
            POST   | /api/v1/kolide/queries/7           | DELETE, GET, PATCH
            GET    | /api/v1/osquery/enroll             | POST
            DELETE | /healthz                           | GET
            get    | /healthz                           | GET
            PUT    | /api/v1/kolide/packs/id/scheduled  | DELETE, GET
            """)
    void aKnownPathWithAnotherMethodIsNotAllowed(String method, String path, String allow) {
        RouteTable.Match match = table.find(method, path);

        assertThat(match.isFound()).isFalse();
        assertThat(match.isMethodNotAllowed()).isTrue();
        assertThat(match.allow).isEqualTo(allow);
    }

    @ParameterizedTest(name = "GET \"{0}\" -> 404")
    @ValueSource(strings = {
            "/api/v1/kolide/nope",
            "/api/v1/kolide/hosts/",
            "/api/v1/kolide//hosts",
            "/api/v1/kolide/hosts/1/2/3/4/5",
            "/api/v1/kolide/hosts/identifier/a/b",
            "/api/v1/osquery/enroll/extra",
            "/API/V1/KOLIDE/HOSTS",
            "/healthz/",
            "//",
            "",
            "healthz"})
    void anUnknownPathIsNotFound(String path) {
        RouteTable.Match match = table.find("GET", path);

        assertThat(match.isFound()).isFalse();
        assertThat(match.isMethodNotAllowed()).isFalse();
    }

    @Test
    void twoRoutesForTheSameMethodAndShapeAreRefused() {
        assertThatThrownBy(() -> new RouteTable(routes("GET /hosts/{id}", "GET /hosts/{name}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two routes for GET /hosts/{name} and /hosts/{id}");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            hosts                | does not start with /
            /hosts/              | has an empty segment
            /hosts//{id}         | has an empty segment
            /hosts/{id}/{id}     | names parameter "id" twice
            /hosts/id-{id}       | a parameter must be a whole segment
            /hosts/{Id}          | is not lower_snake_case
            /hosts/{}            | is not lower_snake_case
            """)
    void aMalformedTemplateIsRefusedWithTheReason(String template, String reason) {
        assertThatThrownBy(() -> RouteTemplate.parse(template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void matchingAPathAmongManyTemplatesIsFast() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add("GET /api/v1/kolide/thing" + i + "/{id}");
            many.add("POST /api/v1/osquery/endpoint" + i);
        }
        RouteTable big = new RouteTable(routes(many.toArray(String[]::new)));

        int found = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 200_000; i++) {
            found += big.find("POST", "/api/v1/osquery/endpoint57").isFound() ? 1 : 0;
            found += big.find("GET", "/api/v1/kolide/thing99/12").isFound() ? 1 : 0;
        }
        long perLookupNanos = (System.nanoTime() - start) / 400_000;

        assertThat(found).isEqualTo(400_000);
        // Typically well under a microsecond; the bound is loose for busy machines, and still fails if each
        // lookup ran a regular expression per route.
        assertThat(perLookupNanos).isLessThan(10_000);
    }

    private List<Route> routes(String... methodAndTemplates) {
        Map<String, Route> routes = new LinkedHashMap<>();
        for (String spec : methodAndTemplates) {
            String[] parts = spec.split(" ", 2);
            RouteTemplate template = RouteTemplate.parse(parts[1]);
            routes.put(spec, new Route(parts[0], template, ErrorStyle.USER_API, BodyLimit.DEFAULT,
                    request -> "ok", null, metrics.series(parts[0], template.template())));
        }
        return new ArrayList<>(routes.values());
    }
}
