package dev.kolide.updater.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A plain-HTTP server on 127.0.0.1 whose answers a test sets per path; records what it was asked. */
public final class TestServer implements AutoCloseable {
    /** What to do with one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<HttpExchange> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    public TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            requests.add(exchange);
            try (exchange) {
                Handler handler = handlers.get(exchange.getRequestURI().getRawPath());
                if (handler == null) {
                    respond(exchange, 404, "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}".getBytes());
                } else {
                    handler.handle(exchange);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away (a cancelled download): nothing to answer
            }
        });
        server.start();
    }

    public void on(String path, Handler handler) {
        handlers.put(path, handler);
    }

    /** Answers {@code path} with {@code status} and {@code body} (fixed length). */
    public void serve(String path, int status, byte[] body) {
        on(path, exchange -> respond(exchange, status, body));
    }

    public static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Blocks the handler until the test ends (for slow-server tests). */
    public void waitForClose() throws InterruptedException {
        closing.await();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public ServerUrl url() {
        return ServerUrl.parse("--test_url", base());
    }

    public List<HttpExchange> requests() {
        return requests;
    }

    /** A {@link BoundedGet} on a plain client with the given timeouts. */
    public static BoundedGet http(Timeouts timeouts) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeouts.connect()).build();
        return new BoundedGet(client, timeouts);
    }

    public static Timeouts shortTimeouts() {
        Duration d = Duration.ofMillis(700);
        return new Timeouts(d, d, d, Duration.ofSeconds(3));
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
