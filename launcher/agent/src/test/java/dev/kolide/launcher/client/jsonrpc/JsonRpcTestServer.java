package dev.kolide.launcher.client.jsonrpc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/** The JDK's HTTP(S) server on a free port: records each request and answers the status and body the test set. */
final class JsonRpcTestServer implements AutoCloseable {

    /** One request as received. */
    record Received(String method, String path, String contentType, String requestId, String body) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile int status = 200;
    private volatile byte[] reply = "{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":0}".getBytes(StandardCharsets.UTF_8);

    private JsonRpcTestServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    static JsonRpcTestServer plaintext() throws IOException {
        return new JsonRpcTestServer(HttpServer.create(loopback(), 0));
    }

    static JsonRpcTestServer tls(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(loopback(), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new JsonRpcTestServer(server);
    }

    /** Answers every request with {@code body} and HTTP {@code code}. */
    void reply(int code, String body) {
        this.status = code;
        this.reply = body.getBytes(StandardCharsets.UTF_8);
    }

    /** Answers every request with {@code {"jsonrpc":"2.0","result":<result>,"id":0}}. */
    void result(String resultJson) {
        reply(200, "{\"jsonrpc\":\"2.0\",\"result\":" + resultJson + ",\"id\":0}");
    }

    int port() {
        return server.getAddress().getPort();
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-Request-Id"), body));
            byte[] bytes = reply;
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }
}
