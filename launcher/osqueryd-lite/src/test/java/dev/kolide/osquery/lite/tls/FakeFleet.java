package dev.kolide.osquery.lite.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.kolide.kit.tls.DevCertificates;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * fleet's osquery TLS API in a test: HTTPS on 127.0.0.1 with a development certificate; enroll hands out
 * {@code key-1}, {@code key-2} ...; a wrong secret or unknown key is 401 {@code {"error","node_invalid":true}}
 * as fleet answers; {@link #failing} makes every call a 500, as fleet's when it cannot store logs.
 */
final class FakeFleet implements AutoCloseable {
    static final String SECRET = "s3cret";

    record Call(String path, JsonNode body) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicReference<String> config = new AtomicReference<>("{}");
    /** Answered once by the next distributed read, then {@code {"queries":{}}}. */
    final AtomicReference<String> nextQueries = new AtomicReference<>();
    private final Set<String> validKeys = ConcurrentHashMap.newKeySet();
    private final AtomicInteger enrollments = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpsServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "fake-fleet");
        thread.setDaemon(true);
        return thread;
    });

    FakeFleet(DevCertificates certificates) throws IOException {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificates.serverKeyMaterial().sslContext()));
        server.setExecutor(threads);
        server.createContext("/api/v1/osquery/", this::handle);
        server.start();
    }

    /** {@code --tls_hostname}: the certificate names localhost. */
    String hostname() {
        return "localhost:" + server.getAddress().getPort();
    }

    void invalidateKeys() {
        validKeys.clear();
    }

    List<Call> calls(String endpoint) {
        return calls.stream().filter(c -> c.path().endsWith(endpoint)).toList();
    }

    List<JsonNode> logs(String logType) {
        return calls("/log").stream().filter(c -> c.body().path("log_type").asText().equals(logType))
                .map(Call::body).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            if (failing.get()) {
                reply(exchange, 500, "{\"error\":\"failing on purpose\"}");
                return;
            }
            calls.add(new Call(path, body));
            if (path.endsWith("/enroll")) {
                if (!SECRET.equals(body.path("enroll_secret").asText())) {
                    reply(exchange, 401, "{\"error\":\"enroll failed\",\"node_invalid\":true}");
                    return;
                }
                String key = "key-" + enrollments.incrementAndGet();
                validKeys.add(key);
                reply(exchange, 200, "{\"node_key\":\"" + key + "\"}");
                return;
            }
            if (!validKeys.contains(body.path("node_key").asText())) {
                reply(exchange, 401, "{\"error\":\"authentication error: invalid node key\",\"node_invalid\":true}");
                return;
            }
            if (path.endsWith("/config")) {
                reply(exchange, 200, config.get());
            } else if (path.endsWith("/distributed/read")) {
                String queries = nextQueries.getAndSet(null);
                reply(exchange, 200, queries == null ? "{\"queries\":{}}" : queries);
            } else {
                reply(exchange, 200, "{}");
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
