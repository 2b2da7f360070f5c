package dev.kolide.fleet.transport.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.auth.SessionTokens;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.NewCarve;
import dev.kolide.fleet.domain.NewLabel;
import dev.kolide.fleet.domain.NewPack;
import dev.kolide.fleet.domain.NewQuery;
import dev.kolide.fleet.domain.NewScheduledQuery;
import dev.kolide.fleet.domain.Pack;
import dev.kolide.fleet.domain.Query;
import dev.kolide.fleet.domain.TargetType;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.domain.UserRole;
import dev.kolide.fleet.service.api.ApiTestEnvironment;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route of the REST API, called by each kind of caller, answers the status its role allows: the table
 * below is (method, path, body) → status for an admin, an observer, no token and a token signed with another
 * key. Observers read; admins change; without valid credentials only login and setup answer. A second test
 * checks the table lists every route ApiRoutes registered, so a new route cannot go untested.
 */
class RoleEnforcementHttpTest extends ApiHttpTestBase {

    enum Caller { ADMIN, OBSERVER, NO_TOKEN, BAD_TOKEN }

    /** One route with a body that works for an admin, and what admins and observers get. */
    record RouteCase(String method, String path, String body, int admin, int observer) {
        /** Status for a caller without valid credentials: 401, except the routes that need none. */
        int anonymous() {
            if (path.equals("/login")) {
                return 200;
            }
            return path.equals("/api/v1/setup") ? 409 : 401;
        }
    }

    private static final String PW = ApiTestEnvironment.PASSWORD;
    private static final int OK = 200;
    private static final int DENIED = 403;

    static List<RouteCase> table() {
        List<RouteCase> t = new ArrayList<>();
        // sessions
        t.add(new RouteCase("POST", "/login", "{\"username\":\"observer\",\"password\":\"" + PW + "\"}", OK, OK));
        t.add(new RouteCase("POST", "/logout", null, OK, OK));
        t.add(new RouteCase("GET", "/me", null, OK, OK));
        t.add(new RouteCase("GET", "/sessions/{adminSession}", null, OK, DENIED));
        t.add(new RouteCase("DELETE", "/sessions/{adminSession}", null, OK, DENIED));
        t.add(new RouteCase("GET", "/users/{admin}/sessions", null, OK, DENIED));
        t.add(new RouteCase("DELETE", "/users/{admin}/sessions", null, OK, DENIED));
        // setup: refused once users exist, whoever asks
        t.add(new RouteCase("POST", "/api/v1/setup", "{\"admin\":{\"username\":\"root\",\"email\":\"r@example.com\","
                + "\"password\":\"" + PW + "\"},\"org_info\":{\"org_name\":\"Acme\"}}", 409, 409));
        // users
        t.add(new RouteCase("GET", "/users", null, OK, OK));
        t.add(new RouteCase("POST", "/users", "{\"username\":\"newbie\",\"email\":\"newbie@example.com\","
                + "\"password\":\"" + PW + "\",\"admin\":false}", OK, DENIED));
        t.add(new RouteCase("GET", "/users/{admin}", null, OK, OK));
        t.add(new RouteCase("PATCH", "/users/{other}", "{\"name\":\"Renamed\"}", OK, DENIED));
        t.add(new RouteCase("PATCH", "/users/{observer}", "{\"position\":\"SRE\"}", OK, OK));
        t.add(new RouteCase("POST", "/users/{other}/admin", "{\"admin\":true}", OK, DENIED));
        t.add(new RouteCase("POST", "/users/{other}/enable", "{\"enabled\":false}", OK, DENIED));
        t.add(new RouteCase("POST", "/users/{other}/require_password_reset", "{\"require\":true}", OK, DENIED));
        t.add(new RouteCase("POST", "/change_password", "{\"old_password\":\"" + PW
                + "\",\"new_password\":\"An0ther-passw0rd!\"}", OK, OK));
        // nobody has a forced reset pending here: the route exists and needs credentials, and says so
        t.add(new RouteCase("POST", "/perform_required_password_reset", "{\"new_password\":\"An0ther-passw0rd!\"}",
                409, 409));
        // queries
        t.add(new RouteCase("GET", "/queries", null, OK, OK));
        t.add(new RouteCase("POST", "/queries", "{\"name\":\"new_query\",\"query\":\"select 1;\"}", OK, DENIED));
        t.add(new RouteCase("GET", "/queries/{query}", null, OK, OK));
        t.add(new RouteCase("PATCH", "/queries/{query}", "{\"description\":\"changed\"}", OK, DENIED));
        t.add(new RouteCase("DELETE", "/queries/{queryName}", null, OK, DENIED));
        t.add(new RouteCase("DELETE", "/queries/id/{query}", null, OK, DENIED));
        t.add(new RouteCase("POST", "/queries/delete", "{\"ids\":[{query}]}", OK, DENIED));
        t.add(new RouteCase("POST", "/spec/queries", "{\"specs\":[{\"name\":\"spec_query\",\"query\":\"select 2;\"}]}",
                OK, DENIED));
        t.add(new RouteCase("GET", "/spec/queries", null, OK, OK));
        t.add(new RouteCase("GET", "/spec/queries/{queryName}", null, OK, OK));
        // packs and scheduled queries
        t.add(new RouteCase("GET", "/packs", null, OK, OK));
        t.add(new RouteCase("POST", "/packs", "{\"name\":\"new_pack\",\"label_ids\":[{label}]}", OK, DENIED));
        t.add(new RouteCase("GET", "/packs/{pack}", null, OK, OK));
        t.add(new RouteCase("PATCH", "/packs/{pack}", "{\"description\":\"changed\"}", OK, DENIED));
        t.add(new RouteCase("DELETE", "/packs/{packName}", null, OK, DENIED));
        t.add(new RouteCase("DELETE", "/packs/id/{pack}", null, OK, DENIED));
        t.add(new RouteCase("GET", "/packs/{pack}/scheduled", null, OK, OK));
        t.add(new RouteCase("POST", "/schedule", "{\"pack_id\":{pack},\"query_id\":{query},\"interval\":60}",
                OK, DENIED));
        t.add(new RouteCase("GET", "/schedule/{scheduled}", null, OK, OK));
        t.add(new RouteCase("PATCH", "/schedule/{scheduled}", "{\"interval\":120}", OK, DENIED));
        t.add(new RouteCase("DELETE", "/schedule/{scheduled}", null, OK, DENIED));
        t.add(new RouteCase("POST", "/spec/packs", "{\"specs\":[{\"name\":\"spec_pack\",\"targets\":{\"labels\":"
                + "[\"All Hosts\"]},\"queries\":[{\"query\":\"{queryName}\",\"interval\":60}]}]}", OK, DENIED));
        t.add(new RouteCase("GET", "/spec/packs", null, OK, OK));
        t.add(new RouteCase("GET", "/spec/packs/{packName}", null, OK, OK));
        // labels
        t.add(new RouteCase("GET", "/labels", null, OK, OK));
        t.add(new RouteCase("POST", "/labels", "{\"name\":\"new_label\",\"query\":\"select 1;\"}", OK, DENIED));
        t.add(new RouteCase("GET", "/labels/{label}", null, OK, OK));
        t.add(new RouteCase("PATCH", "/labels/{label}", "{\"description\":\"changed\"}", OK, DENIED));
        t.add(new RouteCase("GET", "/labels/{label}/hosts", null, OK, OK));
        t.add(new RouteCase("DELETE", "/labels/{labelName}", null, OK, DENIED));
        t.add(new RouteCase("DELETE", "/labels/id/{label}", null, OK, DENIED));
        t.add(new RouteCase("POST", "/spec/labels", "{\"specs\":[{\"name\":\"spec_label\",\"query\":\"select 1;\"}]}",
                OK, DENIED));
        t.add(new RouteCase("GET", "/spec/labels", null, OK, OK));
        t.add(new RouteCase("GET", "/spec/labels/{labelName}", null, OK, OK));
        // hosts
        t.add(new RouteCase("GET", "/hosts", null, OK, OK));
        t.add(new RouteCase("GET", "/host_summary", null, OK, OK));
        t.add(new RouteCase("GET", "/hosts/{host}", null, OK, OK));
        t.add(new RouteCase("DELETE", "/hosts/{host}", null, OK, DENIED));
        t.add(new RouteCase("GET", "/hosts/identifier/{hostIdentifier}", null, OK, OK));
        // targets
        t.add(new RouteCase("POST", "/targets", "{\"query\":\"\",\"selected\":{\"hosts\":[],\"labels\":[]}}", OK, OK));
        // config and config specs
        t.add(new RouteCase("GET", "/config", null, OK, OK));
        t.add(new RouteCase("PATCH", "/config", "{\"org_info\":{\"org_name\":\"Acme\"}}", OK, DENIED));
        t.add(new RouteCase("POST", "/spec/enroll_secret",
                "{\"spec\":{\"secrets\":[{\"name\":\"default\",\"secret\":\"s3cret\",\"active\":true}]}}", OK, DENIED));
        t.add(new RouteCase("GET", "/spec/enroll_secret", null, OK, DENIED));
        t.add(new RouteCase("POST", "/spec/osquery_options",
                "{\"spec\":{\"config\":{\"options\":{\"distributed_interval\":10}},\"overrides\":{}}}", OK, DENIED));
        t.add(new RouteCase("GET", "/spec/osquery_options", null, OK, OK));
        // carves
        t.add(new RouteCase("GET", "/carves", null, OK, OK));
        t.add(new RouteCase("GET", "/carves/{carve}", null, OK, OK));
        t.add(new RouteCase("GET", "/carves/{carve}/download", null, OK, DENIED));
        return t;
    }

    static Stream<Arguments> cases() {
        return table().stream().flatMap(route -> Stream.of(Caller.values()).map(caller -> {
            int expected = switch (caller) {
                case ADMIN -> route.admin();
                case OBSERVER -> route.observer();
                case NO_TOKEN, BAD_TOKEN -> route.anonymous();
            };
            return Arguments.of(route.method(), route.path(), caller, expected, route.body());
        }));
    }

    private final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeEach
    void createOneOfEverything() {
        User other = env.createUser("other", UserRole.OBSERVER);
        Host host = env.enrollHost("web-01", "ubuntu");
        Label label = env.datastore().labels().create(NewLabel.manual("fixture_label"));
        env.datastore().labels().setManualMembers(label.id(), List.of(host.id()));
        Query query = env.datastore().queries().create(new NewQuery("fixture_query", "", "select 1;", true,
                admin.id()));
        Pack pack = env.datastore().packs().create(NewPack.named("fixture_pack"));
        env.datastore().packs().addTarget(pack.id(), TargetType.LABEL, label.id());
        long scheduled = env.datastore().scheduledQueries().create(
                NewScheduledQuery.of(pack.id(), query.name(), 60)).id();
        long carve = env.datastore().carves().create(new NewCarve(host.id(), "fixture_carve", 1, 8, 8, "carve-1",
                "request-1", "carve-session-1")).id();
        env.datastore().carves().appendBlock(carve, 0, "contents".getBytes(StandardCharsets.UTF_8));
        // A second session of the admin: revoking it leaves the admin's own token working.
        long adminSession = env.datastore().sessions().create(admin.id(), "second-admin-session").id();
        ids.put("{admin}", Long.toString(admin.id()));
        ids.put("{observer}", Long.toString(observer.id()));
        ids.put("{other}", Long.toString(other.id()));
        ids.put("{adminSession}", Long.toString(adminSession));
        ids.put("{host}", Long.toString(host.id()));
        ids.put("{hostIdentifier}", "web-01");
        ids.put("{label}", Long.toString(label.id()));
        ids.put("{labelName}", label.name());
        ids.put("{query}", Long.toString(query.id()));
        ids.put("{queryName}", query.name());
        ids.put("{pack}", Long.toString(pack.id()));
        ids.put("{packName}", pack.name());
        ids.put("{scheduled}", Long.toString(scheduled));
        ids.put("{carve}", Long.toString(carve));
    }

    private String fill(String template) {
        if (template == null) {
            return null;
        }
        String filled = template;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            filled = filled.replace(id.getKey(), id.getValue());
        }
        return filled;
    }

    private String token(Caller caller) {
        return switch (caller) {
            case ADMIN -> adminToken;
            case OBSERVER -> observerToken;
            case NO_TOKEN -> null;
            // Well formed and unexpired, but signed with another key.
            case BAD_TOKEN -> new SessionTokens("another-jwt-key-of-at-least-thirty-two-bytes", 64,
                    Duration.ofDays(1), new SecureRandom(), Clock.fixed(ApiTestEnvironment.T0, ZoneOffset.UTC))
                    .sign("some-session-key");
        };
    }

    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @MethodSource("cases")
    void eachRouteAnswersEachCallerAsItsRoleAllows(String method, String path, Caller caller, int expected,
            String body) {
        HttpResponse<String> response = call(method, fill(path), token(caller), fill(body));

        assertThat(response.statusCode()).as("%s %s as %s: %s", method, path, caller, response.body())
                .isEqualTo(expected);
        if (expected == DENIED) {
            assertThat(json(response).path("message").asText()).isEqualTo("Permission Denied");
        }
        if (expected == 401) {
            assertThat(json(response).path("errors").get(0).path("name").asText()).isEqualTo("base");
        }
    }

    @Test
    void theTableCoversEveryRouteTheApiRegisters() {
        Set<String> inTable = new TreeSet<>();
        for (RouteCase route : table()) {
            inTable.add(route.method() + " " + template(route.path()));
        }

        assertThat(inTable).containsExactlyInAnyOrderElementsOf(new TreeSet<>(registeredRoutes));
    }

    /** The table's placeholders in the shape of the registered templates ("/hosts/{host}" → "/api/v1/kolide/hosts/{id}"). */
    private static String template(String path) {
        String full = path.startsWith("/api/") ? path : API + path;
        return full.replace("{adminSession}", "{id}").replace("{admin}", "{id}").replace("{observer}", "{id}")
                .replace("{other}", "{id}").replace("{hostIdentifier}", "{identifier}").replace("{host}", "{id}")
                .replace("{labelName}", "{name}").replace("{label}", "{id}").replace("{queryName}", "{name}")
                .replace("{query}", "{id}").replace("{packName}", "{name}").replace("{pack}", "{id}")
                .replace("{scheduled}", "{id}").replace("{carve}", "{id}");
    }
}
