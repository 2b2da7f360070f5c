package dev.kolide.fleet.transport.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kolide.fleet.transport.http.TestHttpServer;
import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import dev.kolide.fleet.transport.http.errors.NotFoundException;
import dev.kolide.fleet.transport.http.routing.RouteGroup;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Requests are counted per route template, method and status; /metrics serves them in Prometheus' text format. */
@Timeout(60)
class MetricsHttpTest {

    private static final String HOSTS = "/api/v1/kolide/hosts/{id}";
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private TestHttpServer server;

    /** One sample line of the text format: name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {}

    @BeforeEach
    void start() {
        server = TestHttpServer.builder().setup(setup -> {
            setup.routes().group("", ErrorStyle.USER_API)
                    .jetty("GET", "/metrics", new MetricsEndpoint(setup.registry()));
            RouteGroup api = setup.routes().group("/api/v1/kolide", ErrorStyle.USER_API);
            api.get("/hosts/{id}", request -> {
                if (request.pathParams().getId("id") == 404) {
                    throw new NotFoundException("no host 404");
                }
                return Map.of("id", request.pathParams().getId("id"));
            });
        }).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void requestsAreCountedPerRouteTemplateMethodAndStatus() {
        server.get("/api/v1/kolide/hosts/1");
        server.get("/api/v1/kolide/hosts/2");
        server.get("/api/v1/kolide/hosts/404");
        server.send(server.request("/api/v1/kolide/hosts/1").method("PUT", HttpRequest.BodyPublishers.noBody()));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<Sample> samples = scrape();
            assertThat(value(samples, "fleet_http_requests_total", "GET", HOSTS, "200")).isEqualTo(2.0);
            assertThat(value(samples, "fleet_http_requests_total", "GET", HOSTS, "404")).isEqualTo(1.0);
            assertThat(value(samples, "fleet_http_requests_total", "PUT", HOSTS, "405")).isEqualTo(1.0);
            assertThat(value(samples, "fleet_http_request_duration_seconds_count", "GET", HOSTS, "200"))
                    .isEqualTo(2.0);
        });
    }

    @Test
    void unknownPathsAndMethodsShareBoundedLabels() {
        server.get("/nope/a");
        server.get("/nope/b/c");
        server.send(server.request("/nope/d").method("BREW", HttpRequest.BodyPublishers.noBody()));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<Sample> samples = scrape();
            assertThat(value(samples, "fleet_http_requests_total", "GET", "unmatched", "404")).isEqualTo(2.0);
            assertThat(value(samples, "fleet_http_requests_total", "other", "unmatched", "404")).isEqualTo(1.0);
            assertThat(samples).flatMap(sample -> sample.labels().values())
                    .noneMatch(label -> label.startsWith("/nope") || label.equals("BREW"));
        });
    }

    @Test
    void latencyIsObservedInSecondsBuckets() {
        server.get("/api/v1/kolide/hosts/1");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<Sample> samples = scrape();
            Sample infinity = samples.stream()
                    .filter(s -> s.name().equals("fleet_http_request_duration_seconds_bucket")
                            && s.labels().get("route").equals(HOSTS) && s.labels().get("le").equals("+Inf"))
                    .findFirst().orElseThrow();
            assertThat(infinity.value()).isEqualTo(1.0);
            double sum = value(samples, "fleet_http_request_duration_seconds_sum", "GET", HOSTS, "200");
            // Over loopback, well under the 10 s the client would wait.
            assertThat(sum).isGreaterThan(0.0).isLessThan(10.0);
        });
    }

    @Test
    void theFirstScrapeSeesOnlyItselfInFlight() {
        // Series with labels appear once they have a value: before any request completed there is only the gauge.
        HttpResponse<String> response = server.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(parse(response.body())).singleElement()
                .isEqualTo(new Sample("fleet_http_requests_in_flight", Map.of(), 1.0));
    }

    @Test
    void theTextFormatDeclaresEachMetricsType() {
        server.get("/api/v1/kolide/hosts/1");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(server.get("/metrics").body()).contains(
                "# TYPE fleet_http_requests_total counter",
                "# TYPE fleet_http_request_duration_seconds histogram",
                "# TYPE fleet_http_requests_in_flight gauge"));
    }

    private List<Sample> scrape() {
        HttpResponse<String> response = server.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return parse(response.body());
    }

    private static double value(List<Sample> samples, String name, String method, String route, String code) {
        return samples.stream()
                .filter(s -> s.name().equals(name)
                        && Map.of("method", method, "route", route, "code", code).equals(s.labels()))
                .map(Sample::value)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + "{method=" + method + ",route=" + route
                        + ",code=" + code + "}"));
    }

    private static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return samples;
    }
}
