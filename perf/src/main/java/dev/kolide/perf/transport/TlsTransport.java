package dev.kolide.perf.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.kit.tls.HttpClientTls;
import dev.kolide.kit.tls.TlsProfile;
import dev.kolide.perf.host.HostIdentity;
import dev.kolide.perf.host.QueryAnswer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The osquery TLS API (reference fleet.md §1.2) over one shared {@link HttpClient}: JSON POSTs to
 * {@code /api/v1/osquery/*}, as osqueryd's TLS plugins send them. HTTP/1.1 (a pool of keep-alive connections, as
 * many as requests in flight) is what osquery speaks; HTTP/2 multiplexes everything on one connection.
 */
public final class TlsTransport implements AgentTransport {
    private static final String USER_AGENT = "osquery/5.12.1 (osquery-perf)";

    private final URI base;
    private final String enrollSecret;
    private final Duration timeout;
    private final ObjectMapper json;
    private final ExecutorService completions;
    private final HttpClient client;

    private TlsTransport(URI base, String enrollSecret, Duration timeout, ObjectMapper json,
            ExecutorService completions, HttpClient client) {
        this.base = base;
        this.enrollSecret = enrollSecret;
        this.timeout = timeout;
        this.json = json;
        this.completions = completions;
        this.client = client;
    }

    /**
     * A transport to fleet at {@code fleetUrl} (https://host:port), trusting {@code trust}.
     *
     * @param completionThreads threads that parse responses (a couple suffice: the work is small)
     */
    public static TlsTransport create(URI fleetUrl, String enrollSecret, ClientTrust trust,
            HttpClient.Version version, Duration timeout, int completionThreads, ObjectMapper json) {
        ExecutorService completions = Executors.newFixedThreadPool(completionThreads, runnable -> {
            Thread thread = new Thread(runnable, "perf-http");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClientTls.configure(HttpClient.newBuilder(), trust, TlsProfile.MODERN)
                .version(version)
                .connectTimeout(timeout)
                .executor(completions)
                .build();
        String path = fleetUrl.getPath() == null ? "" : fleetUrl.getPath().replaceAll("/+$", "");
        URI base = URI.create(fleetUrl.getScheme() + "://" + fleetUrl.getRawAuthority() + path);
        return new TlsTransport(base, enrollSecret, timeout, json, completions, client);
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
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> read.apply(decode(path, response)));
    }

    /** The response's JSON; 401 with node_invalid is an answer, any other failure status a {@link TransportFailure}. */
    private JsonNode decode(String path, HttpResponse<byte[]> response) {
        JsonNode reply;
        try {
            reply = json.readTree(response.body());
        } catch (IOException e) {
            if (response.statusCode() != 200) {
                throw new TransportFailure("http_" + response.statusCode(), path + " answered " + response.statusCode());
            }
            throw new TransportFailure("decode", "reading the answer of " + path, e);
        }
        if (reply == null || !reply.isObject()) {
            throw new TransportFailure(response.statusCode() == 200 ? "decode" : "http_" + response.statusCode(),
                    path + " answered " + response.statusCode() + " without a JSON object");
        }
        boolean nodeInvalid = reply.path("node_invalid").asBoolean(false);
        if (response.statusCode() == 200 && !nodeInvalid && reply.hasNonNull("error")) {
            throw new TransportFailure("error_field", path + ": " + reply.get("error").asText());
        }
        if (response.statusCode() != 200 && !(response.statusCode() == 401 && nodeInvalid)) {
            throw new TransportFailure("http_" + response.statusCode(), path + " answered " + response.statusCode()
                    + ": " + reply.path("error").asText(""));
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
        // Java 17's HttpClient has no close(): without its executor it stops sending, and its selector thread ends
        // once the client is unreachable.
        completions.shutdownNow();
        try {
            completions.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
