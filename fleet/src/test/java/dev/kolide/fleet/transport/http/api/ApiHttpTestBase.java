package dev.kolide.fleet.transport.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kolide.fleet.datastore.testing.TestEngine;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.domain.UserRole;
import dev.kolide.fleet.service.api.ApiTestEnvironment;
import dev.kolide.fleet.transport.http.TestHttpServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.TestAbortedException;

/**
 * The REST API over real HTTPS on 127.0.0.1, on a real datastore: each test class runs once per
 * {@link TestEngine} (H2, MariaDB), with one server per engine; before each test the data is emptied and an
 * admin ("admin") and an observer ("observer") are created with a token each.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class ApiHttpTestBase {

    static final String API = "/api/v1/kolide";

    @Parameter
    TestEngine engine;

    ApiTestEnvironment env;
    TestHttpServer server;
    User admin;
    User observer;
    String adminToken;
    String observerToken;
    /** What ApiRoutes registered, "METHOD /template". */
    List<String> registeredRoutes;
    private String skipped;

    @BeforeParameterizedClassInvocation
    void startServer() {
        env = null;
        server = null;
        skipped = null;
        try {
            env = ApiTestEnvironment.open(engine);
        } catch (TestAbortedException e) {
            // Reported by each test (as skipped) rather than once for the class, where it would vanish from counts.
            skipped = e.getMessage();
            return;
        }
        List<List<String>> registered = new ArrayList<>();
        server = TestHttpServer.builder()
                .exceptionMappings(ApiExceptionMappings.create())
                .routes(routes -> registered.add(ApiRoutes.register(routes, env.services()).routes()))
                .start();
        registeredRoutes = registered.get(0);
    }

    @AfterParameterizedClassInvocation
    void stopServer() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (env != null) {
                env.close();
            }
        }
    }

    @BeforeEach
    void resetData() {
        if (skipped != null) {
            Assumptions.abort(skipped);
        }
        env.reset();
        admin = env.createUser("admin", UserRole.ADMIN);
        observer = env.createUser("observer", UserRole.OBSERVER);
        adminToken = env.tokenFor(admin);
        observerToken = env.tokenFor(observer);
    }

    /** {@code method} of {@value #API}{@code path} with a bearer token (none when null) and a JSON body (none when null). */
    HttpResponse<String> call(String method, String path, String token, String body) {
        String full = path.startsWith("/api/") ? path : API + path;
        HttpRequest.Builder request = server.request(full);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return server.send(request);
    }

    HttpResponse<String> get(String path, String token) {
        return call("GET", path, token, null);
    }

    HttpResponse<String> post(String path, String token, String body) {
        return call("POST", path, token, body);
    }

    HttpResponse<String> patch(String path, String token, String body) {
        return call("PATCH", path, token, body);
    }

    HttpResponse<String> delete(String path, String token) {
        return call("DELETE", path, token, null);
    }

    JsonNode json(HttpResponse<String> response) {
        return server.json(response);
    }
}
