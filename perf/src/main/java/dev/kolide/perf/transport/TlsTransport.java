package dev.kolide.perf.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.kit.tls.TlsProfile;
import dev.kolide.perf.host.HostIdentity;
import dev.kolide.perf.host.QueryAnswer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The osquery TLS API (reference fleet.md §1.2) over one shared Jetty {@link HttpClient}: JSON POSTs to
 * {@code /api/v1/osquery/*}, as osqueryd's TLS plugins send them. HTTP/1.1 (a pool of keep-alive connections, one
 * per request in flight) is what osquery speaks; HTTP/2 multiplexes everything on one connection. Jetty's client
 * is non-blocking and costs far less CPU per request than {@code java.net.http} (docs/benchmarks.md), so the
 * simulator is not what limits a benchmark.
 */
public final class TlsTransport implements AgentTransport {
    private static final String USER_AGENT = "osquery/5.12.1 (osquery-perf)";
    /** fleet's largest answer to a host is a config: far under this. */
    private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(4);

    /** The HTTP version the transport speaks. */
    public enum Version { HTTP_1_1, HTTP_2 }

    private final URI base;
    private final String enrollSecret;
    private final Duration timeout;
    private final ObjectMapper json;
    private final HttpClient client;

    private TlsTransport(URI base, String enrollSecret, Duration timeout, ObjectMapper json, HttpClient client) {
        this.base = base;
        this.enrollSecret = enrollSecret;
        this.timeout = timeout;
        this.json = json;
        this.client = client;
    }

    /**
     * A started transport to fleet at {@code fleetUrl} (https://host:port), trusting {@code trust}.
     *
     * @param threads threads that run the client's selector and parse responses (a couple suffice)
     * @param maxConnections HTTP/1.1 connections kept at most (as many as requests in flight)
     */
    public static TlsTransport create(URI fleetUrl, String enrollSecret, ClientTrust trust, Version version,
            Duration timeout, int threads, int maxConnections, ObjectMapper json) {
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        ssl.setSslContext(trust.sslContext());
        ssl.setIncludeProtocols(TlsProfile.MODERN.protocols().toArray(String[]::new));
        if (trust.isInsecure()) {
            ssl.setEndpointIdentificationAlgorithm(null);
        }
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(4, threads + 2), 2);
        pool.setName("perf-http");
        pool.setDaemon(true);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        connector.setExecutor(pool);
        connector.setSelectors(1);
        connector.setConnectTimeout(timeout);
        HttpClientTransport transport = version == Version.HTTP_2
                ? new HttpClientTransportOverHTTP2(new HTTP2Client(connector))
                : new HttpClientTransportOverHTTP(connector);
        HttpClient client = new HttpClient(transport);
        client.setExecutor(pool);
        client.setMaxConnectionsPerDestination(Math.max(1, maxConnections));
        // the gate bounds what is in flight; requests beyond the pool wait in Jetty's queue, never rejected
        client.setMaxRequestsQueuedPerDestination(Integer.MAX_VALUE);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, USER_AGENT));
        client.setFollowRedirects(false);
        // Keep connections between the bursts of a 60 s config interval (Jetty's default closes them after 30 s
        // idle): reopening hundreds at once stalled every request for 1-2 s, against a no-op server too. Under the
        // 5 min fleet keeps idle connections, so that the client is the one that closes them.
        client.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("starting the HTTP client for " + fleetUrl, e);
        }
        String path = fleetUrl.getPath() == null ? "" : fleetUrl.getPath().replaceAll("/+$", "");
        URI base = URI.create(fleetUrl.getScheme() + "://" + fleetUrl.getRawAuthority() + path);
        return new TlsTransport(base, enrollSecret, timeout, json, client);
    }

    @Override
    public CompletableFuture<Replies.Enrolled> enroll(HostIdentity host, Map<String, Map<String, String>> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enroll_secret", enrollSecret);
        body.put("host_identifier", host.hostIdentifier());
        body.put("platform_type", host.os().platformType());
        body.put("host_details", details);
        return post("/api/v1/osquery/enroll", write(body), reply -> new Replies.Enrolled(
                reply.path("node_key").asText(""), reply.path("node_invalid").asBoolean(false)));
    }

    @Override
    public CompletableFuture<Replies.Ack> config(String nodeKey) {
        return post("/api/v1/osquery/config", write(Map.of("node_key", nodeKey)), this::ack);
    }

    @Override
    public CompletableFuture<Replies.Queries> readQueries(String nodeKey) {
        return post("/api/v1/osquery/distributed/read", write(Map.of("node_key", nodeKey)), reply -> {
            Map<String, String> queries = new LinkedHashMap<>();
            reply.path("queries").fields().forEachRemaining(e -> queries.put(e.getKey(), e.getValue().asText()));
            return new Replies.Queries(queries, reply.path("node_invalid").asBoolean(false));
        });
    }

    @Override
    public CompletableFuture<Replies.Ack> writeResults(String nodeKey, Map<String, QueryAnswer> answers) {
        Map<String, Object> queries = new LinkedHashMap<>();
        Map<String, Object> statuses = new LinkedHashMap<>();
        answers.forEach((name, answer) -> {
            queries.put(name, answer.rows());
            statuses.put(name, answer.status());
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node_key", nodeKey);
        body.put("queries", queries);
        body.put("statuses", statuses);
        body.put("messages", Map.of());
        return post("/api/v1/osquery/distributed/write", write(body), this::ack);
    }

    @Override
    public CompletableFuture<Replies.Ack> publishLogs(String nodeKey, LogType type, List<String> lines) {
        // The lines are JSON already: splice them into the body instead of parsing them again.
        StringBuilder body = new StringBuilder(64 + lines.size() * 400)
                .append("{\"node_key\":").append(write(nodeKey))
                .append(",\"log_type\":\"").append(type.name().toLowerCase(Locale.ROOT)).append("\",\"data\":[");
        for (int i = 0; i < lines.size(); i++) {
            body.append(i == 0 ? "" : ",").append(lines.get(i));
        }
        body.append("]}");
        return post("/api/v1/osquery/log", body.toString(), this::ack);
    }

    private Replies.Ack ack(JsonNode reply) {
        return new Replies.Ack(reply.path("node_invalid").asBoolean(false));
    }

    private <T> CompletableFuture<T> post(String path, String body, Function<JsonNode, T> read) {
        CompletableFuture<T> future = new CompletableFuture<>();
        client.newRequest(base.resolve(path))
                .method(HttpMethod.POST)
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .body(new StringRequestContent("application/json", body))
                .send(new BufferingResponseListener(MAX_RESPONSE_BYTES) {
                    @Override
                    public void onComplete(Result result) {
                        if (result.isFailed()) {
                            Throwable failure = result.getFailure();
                            future.completeExceptionally(new TransportFailure(
                                    failure instanceof java.util.concurrent.TimeoutException ? "timeout" : "io",
                                    path + ": " + failure, failure));
                            return;
                        }
                        try {
                            future.complete(read.apply(decode(path, result.getResponse().getStatus(), getContent())));
                        } catch (RuntimeException e) {
                            future.completeExceptionally(e instanceof TransportFailure ? e
                                    : new TransportFailure("decode", "reading the answer of " + path, e));
                        }
                    }
                });
        return future;
    }

    /** The response's JSON; 401 with node_invalid is an answer, any other failure status a {@link TransportFailure}. */
    private JsonNode decode(String path, int status, byte[] content) {
        JsonNode reply;
        try {
            reply = json.readTree(content);
        } catch (IOException e) {
            if (status != 200) {
                throw new TransportFailure("http_" + status, path + " answered " + status);
            }
            throw new TransportFailure("decode", "reading the answer of " + path, e);
        }
        if (reply == null || !reply.isObject()) {
            throw new TransportFailure(status == 200 ? "decode" : "http_" + status,
                    path + " answered " + status + " without a JSON object");
        }
        boolean nodeInvalid = reply.path("node_invalid").asBoolean(false);
        if (status == 200 && !nodeInvalid && reply.hasNonNull("error")) {
            throw new TransportFailure("error_field", path + ": " + reply.get("error").asText());
        }
        if (status != 200 && !(status == 401 && nodeInvalid)) {
            throw new TransportFailure("http_" + status, path + " answered " + status + ": "
                    + reply.path("error").asText(""));
        }
        return reply;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new TransportFailure("encode", "writing a request body", e);
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // stopping: connections are closed either way
        }
    }
}
