package dev.kolide.updater.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A tiny HTTP server on 127.0.0.1: a mirror serving a directory, or a proxy forwarding to notary-server. Either
 * can alter one byte of the responses whose path a test picks: the attacker between the updater and its servers.
 */
public final class FileServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private volatile Predicate<String> tamper = path -> false;

    private interface Source {
        Answer answer(String path) throws IOException, InterruptedException;
    }

    private record Answer(int status, byte[] body) {}

    private FileServer(Source source) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath();
                Answer answer = source.answer(path);
                byte[] body = answer.status() == 200 && tamper.test(path) ? altered(answer.body()) : answer.body();
                respond(exchange, answer.status(), body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    /** Serves the files below {@code root} by path; 404 for anything else. */
    public static FileServer mirror(Path root) throws IOException {
        return new FileServer(path -> {
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                return new Answer(404, "not found".getBytes());
            }
            return new Answer(200, Files.readAllBytes(file));
        });
    }

    /** Forwards every GET to {@code upstream} (notary-server) and returns its status and body. */
    public static FileServer proxy(String upstream) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new FileServer(path -> {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(upstream + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        });
    }

    /** From now on, 200 responses for paths matching {@code which} get one byte altered. */
    public void tamperWith(Predicate<String> which) {
        tamper = which;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The body with the byte in its middle changed: same length, different content. */
    private static byte[] altered(byte[] body) {
        byte[] copy = body.clone();
        if (copy.length > 0) {
            copy[copy.length / 2] ^= 0x01;
        }
        return copy;
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
