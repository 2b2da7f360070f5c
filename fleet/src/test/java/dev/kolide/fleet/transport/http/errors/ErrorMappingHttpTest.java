package dev.kolide.fleet.transport.http.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.transport.http.TestHttpServer;
import dev.kolide.fleet.transport.http.routing.RouteRequest;
import dev.kolide.kit.log.CapturedLog;
import dev.kolide.kit.log.LogFormat;
import dev.kolide.kit.log.LogSetup;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a thrown exception answers, in both error styles: handlers throw what the case names, and the table says
 * what the client sees.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ErrorMappingHttpTest {

    /** A service's own exceptions, which the wiring maps; they know nothing about HTTP. */
    static class HostNotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostNotFound(String message) {
            super(message);
        }
    }

    static class EnrolledHostNotFound extends HostNotFound {
        private static final long serialVersionUID = 1L;

        EnrolledHostNotFound(String message) {
            super(message);
        }
    }

    interface AlreadyExists {}

    static class DuplicatePack extends RuntimeException implements AlreadyExists {
        private static final long serialVersionUID = 1L;

        DuplicatePack(String message) {
            super(message);
        }
    }

    static class InvalidSecret extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidSecret(String message) {
            super(message);
        }
    }

    private static final Map<String, Supplier<Exception>> CASES = Map.ofEntries(
            Map.entry("bad_request", () -> new BadRequestException("page must be a number")),
            Map.entry("unauthorized", () -> new UnauthorizedException("session expired")),
            Map.entry("node_invalid", () -> new NodeInvalidException("invalid node key")),
            Map.entry("forbidden", () -> new ForbiddenException("must be an admin")),
            Map.entry("not_found", () -> new NotFoundException("host 7 not found")),
            Map.entry("conflict", () -> new ConflictException("pack foo already exists")),
            Map.entry("too_large", () -> new PayloadTooLargeException("too big")),
            Map.entry("validation", () -> new ValidationException(List.of(
                    new FieldError("password", "must contain a number"), new FieldError("email", "is missing")))),
            Map.entry("too_many", () -> new TooManyRequestsException("slow down", Duration.ofMillis(29_001))),
            Map.entry("teapot", () -> new ApiException(418, "short and stout")),
            Map.entry("mapped", () -> new HostNotFound("host 9 not found")),
            Map.entry("mapped_subclass", () -> new EnrolledHostNotFound("host 10 not found")),
            Map.entry("mapped_interface", () -> new DuplicatePack("pack bar already exists")),
            Map.entry("mapped_node_invalid", () -> new InvalidSecret("no matching enroll secret")));

    private TestHttpServer server;
    private final CapturedLog log = new CapturedLog(LogSetup.withFormat(LogFormat.JSON));

    @BeforeAll
    void start() {
        server = TestHttpServer.builder()
                .exceptionMappings(ExceptionMappings.builder()
                        .map(HostNotFound.class, e -> new NotFoundException(e.getMessage()))
                        .map(AlreadyExists.class, 409)
                        .map(InvalidSecret.class, e -> new NodeInvalidException("enroll failed: " + e.getMessage()))
                        .build())
                .errorLog(log.logger("errors"))
                .routes(routes -> {
                    routes.group("/api/v1/osquery", ErrorStyle.OSQUERY).post("/throw", ErrorMappingHttpTest::fail);
                    routes.group("/api/v1/kolide", ErrorStyle.USER_API)
                            .get("/throw", ErrorMappingHttpTest::fail)
                            .get("/null", request -> null);
                })
                .start();
    }

    @AfterAll
    void stop() {
        server.close();
        log.close();
    }

    private static Object fail(RouteRequest request) throws Exception {
        String name = request.queryParam("case").orElseThrow();
        throw CASES.containsKey(name) ? CASES.get(name).get() : new IllegalStateException("unknown case " + name);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            bad_request         | 400 | {"error":"page must be a number"}
            unauthorized        | 401 | {"error":"session expired"}
            node_invalid        | 401 | {"error":"invalid node key","node_invalid":true}
            forbidden           | 403 | {"error":"must be an admin"}
            not_found           | 404 | {"error":"host 7 not found"}
            conflict            | 409 | {"error":"pack foo already exists"}
            too_large           | 413 | {"error":"too big"}
            validation          | 422 | {"error":"validation failed: password must contain a number; email is missing"}
            too_many            | 429 | {"error":"slow down"}
            teapot              | 418 | {"error":"short and stout"}
            mapped              | 404 | {"error":"host 9 not found"}
            mapped_subclass     | 404 | {"error":"host 10 not found"}
            mapped_interface    | 409 | {"error":"pack bar already exists"}
            mapped_node_invalid | 401 | {"error":"enroll failed: no matching enroll secret","node_invalid":true}
            """)
    void osqueryStyle(String exceptionCase, int status, String body) {
        HttpResponse<String> response = server.postJson("/api/v1/osquery/throw?case=" + exceptionCase, "{}");

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            bad_request         | 400 | {"message":"page must be a number","errors":[{"name":"base","reason":"page must be a number"}]}
            unauthorized        | 401 | {"message":"session expired","errors":[{"name":"base","reason":"session expired"}]}
            node_invalid        | 401 | {"message":"invalid node key","errors":[{"name":"base","reason":"invalid node key"}]}
            forbidden           | 403 | {"message":"Permission Denied","errors":[{"name":"base","reason":"must be an admin"}]}
            not_found           | 404 | {"message":"Resource Not Found","errors":[{"name":"base","reason":"host 7 not found"}]}
            conflict            | 409 | {"message":"Resource Already Exists","errors":[{"name":"base","reason":"pack foo already exists"}]}
            too_large           | 413 | {"message":"too big","errors":[{"name":"base","reason":"too big"}]}
            validation          | 422 | {"message":"Validation Failed","errors":[{"name":"password","reason":"must contain a number"},{"name":"email","reason":"is missing"}]}
            too_many            | 429 | {"message":"slow down","errors":[{"name":"base","reason":"slow down"}]}
            teapot              | 418 | {"message":"short and stout","errors":[{"name":"base","reason":"short and stout"}]}
            mapped              | 404 | {"message":"Resource Not Found","errors":[{"name":"base","reason":"host 9 not found"}]}
            mapped_subclass     | 404 | {"message":"Resource Not Found","errors":[{"name":"base","reason":"host 10 not found"}]}
            mapped_interface    | 409 | {"message":"Resource Already Exists","errors":[{"name":"base","reason":"pack bar already exists"}]}
            """)
    void userApiStyle(String exceptionCase, int status, String body) {
        HttpResponse<String> response = server.get("/api/v1/kolide/throw?case=" + exceptionCase);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void tooManyRequestsSaysWhenToRetryInWholeSecondsRoundedUp() {
        HttpResponse<String> response = server.get("/api/v1/kolide/throw?case=too_many");

        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
    }

    @Test
    void anUnexpectedExceptionIsA500WithTheRequestIdAndNoDetails() {
        HttpResponse<String> user = server.send(server.request("/api/v1/kolide/throw?case=db%20password%20hunter2")
                .header("X-Request-Id", "req-500-user"));
        HttpResponse<String> osquery = server.send(server.request("/api/v1/osquery/throw?case=boom")
                .header("X-Request-Id", "req-500-osquery")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(user.statusCode()).isEqualTo(500);
        assertThat(user.headers().firstValue("X-Request-Id")).hasValue("req-500-user");
        assertThat(user.body()).isEqualTo("{\"message\":\"internal server error (request id req-500-user)\","
                + "\"errors\":[{\"name\":\"base\",\"reason\":\"internal server error (request id req-500-user)\"}]}");
        assertThat(osquery.statusCode()).isEqualTo(500);
        assertThat(osquery.body()).isEqualTo("{\"error\":\"internal server error (request id req-500-osquery)\"}");
    }

    @Test
    void anUnexpectedExceptionIsLoggedOnceWithItsStackTraceAndRequestId() {
        HttpResponse<String> response = server.send(server.request("/api/v1/kolide/throw?case=kaboom")
                .header("X-Request-Id", "req-logged"));

        assertThat(response.body()).doesNotContain("IllegalStateException", "kaboom", "\tat ");
        List<String> lines = linesWith("req-logged");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .contains("\"request_id\":\"req-logged\"")
                .contains("\"path\":\"/api/v1/kolide/throw\"")
                .contains("java.lang.IllegalStateException: unknown case kaboom")
                .contains("at dev.kolide.fleet.transport.http.errors.ErrorMappingHttpTest.fail");
    }

    @Test
    void clientErrorsAreNotLoggedAsErrors() {
        HttpResponse<String> response = server.send(server.request("/api/v1/kolide/throw?case=not_found")
                .header("X-Request-Id", "req-404"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(linesWith("req-404")).isEmpty();
    }

    @Test
    void aHandlerReturningNullIsAServerBug() {
        HttpResponse<String> response = server.send(server.request("/api/v1/kolide/null")
                .header("X-Request-Id", "req-null"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(linesWith("req-null")).singleElement().asString()
                .contains("returned null; return JsonReply.empty()");
    }

    private List<String> linesWith(String requestId) {
        return log.lines().stream().filter(line -> line.contains(requestId)).toList();
    }
}
