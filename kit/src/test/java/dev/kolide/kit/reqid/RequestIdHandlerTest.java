package dev.kolide.kit.reqid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.kit.log.CapturedLog;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** A real Jetty server on 127.0.0.1: the id a client sends (or not) is what handlers, logs and the reply see. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("try")
class RequestIdHandlerTest {

    private final CapturedLog captured = new CapturedLog();
    private final Logger log = captured.logger("dev.kolide.fleet.transport.http.HostsHandler");
    /** Request id → the MDC value on the Jetty thread once RequestIdHandler has returned. */
    private final Map<String, String> mdcAfterHandling = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Server server;
    private URI uri;

    /** Answers with what it can see of the id: the accessor, the attribute and the MDC. */
    private final class InnerHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            log.info("handling");
            String body = "accessor=" + RequestIdHandler.requestId(request).orElse("none")
                    + " attribute=" + request.getAttribute(RequestIdHandler.ATTRIBUTE)
                    + " mdc=" + MDC.get(RequestIds.MDC_KEY);
            Content.Sink.write(response, true, body, callback);
            return true;
        }
    }

    /** Outside RequestIdHandler: records the MDC on the same thread after it returns. */
    private final class MdcAfterRecorder extends Handler.Wrapper {
        MdcAfterRecorder(Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            try {
                return super.handle(request, response, callback);
            } finally {
                String left = MDC.get(RequestIds.MDC_KEY);
                mdcAfterHandling.put(RequestIdHandler.requestId(request).orElse("?"), left == null ? "<clean>" : left);
            }
        }
    }

    @BeforeAll
    void startServer() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new MdcAfterRecorder(new RequestIdHandler(new InnerHandler())));
        server.start();
        uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/hosts");
    }

    @AfterAll
    void stopServer() throws Exception {
        server.stop();
        captured.close();
    }

    private HttpResponse<String> get(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> seen(HttpResponse<String> response) {
        Map<String, String> seen = new HashMap<>();
        for (String pair : response.body().split(" ")) {
            String[] kv = pair.split("=", 2);
            seen.put(kv[0], kv[1]);
        }
        return seen;
    }

    @Test
    void givenIdIsEchoedSeenByTheInnerHandlerAndLogged() throws Exception {
        HttpResponse<String> response =
                get(HttpRequest.newBuilder(uri).header(RequestIds.HTTP_HEADER, "client-id-42"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues(RequestIds.HTTP_HEADER)).containsExactly("client-id-42");
        assertThat(seen(response)).containsEntry("accessor", "client-id-42")
                .containsEntry("attribute", "client-id-42")
                .containsEntry("mdc", "client-id-42");
        assertThat(captured.lines()).anySatisfy(line ->
                assertThat(line).contains(" msg=handling ").contains(" request_id=client-id-42 "));
    }

    @Test
    void missingIdGetsAFreshUuidThatIsEchoedAndLogged() throws Exception {
        HttpResponse<String> first = get(HttpRequest.newBuilder(uri));
        HttpResponse<String> second = get(HttpRequest.newBuilder(uri));

        String id = first.headers().firstValue(RequestIds.HTTP_HEADER).orElseThrow();
        assertThat(id).matches(RequestIdsTest.UUID_PATTERN);
        assertThat(seen(first)).containsEntry("accessor", id).containsEntry("mdc", id);
        assertThat(second.headers().firstValue(RequestIds.HTTP_HEADER)).isPresent().get().isNotEqualTo(id);
        assertThat(captured.lines()).anySatisfy(line -> assertThat(line).contains(" request_id=" + id + " "));
    }

    static Stream<String> malformedIdIsReplacedAndNeverLogged() {
        return Stream.of("two words", "tab\tinside", "x".repeat(RequestIds.MAX_LENGTH + 1));
    }

    @ParameterizedTest
    @MethodSource
    void malformedIdIsReplacedAndNeverLogged(String sent) throws Exception {
        HttpResponse<String> response = get(HttpRequest.newBuilder(uri).header(RequestIds.HTTP_HEADER, sent));

        String id = response.headers().firstValue(RequestIds.HTTP_HEADER).orElseThrow();
        assertThat(id).matches(RequestIdsTest.UUID_PATTERN);
        assertThat(seen(response)).containsEntry("mdc", id);
        assertThat(captured.lines()).noneSatisfy(line -> assertThat(line).contains(sent));
    }

    @Test
    void nonAsciiIdIsReplaced() throws Exception {
        // java.net.http would turn the byte into '?', so write the request by hand: 0xE9 is 'é' in ISO-8859-1,
        // which HTTP/1.1 allows in header values as obs-text.
        byte[] request = ("GET /hosts HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + RequestIds.HTTP_HEADER + ": caf\u00e9\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        String reply;
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }

        assertThat(reply).startsWith("HTTP/1.1 200");
        assertThat(reply).containsPattern("(?i)" + RequestIds.HTTP_HEADER + ": " + RequestIdsTest.UUID_PATTERN + "\r\n");
        assertThat(reply).doesNotContain("caf\u00e9");
    }

    @Test
    void mdcIsCleanOnTheServerThreadAfterTheRequest() throws Exception {
        get(HttpRequest.newBuilder(uri).header(RequestIds.HTTP_HEADER, "leak-check"));

        // The reply can reach us a moment before the server thread leaves the handler chain.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!mdcAfterHandling.containsKey("leak-check") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(mdcAfterHandling).containsEntry("leak-check", "<clean>");
    }

    @Test
    void outgoingClientHelperCarriesTheCallersIdToTheServer() throws Exception {
        HttpResponse<String> response;
        try (RequestIdScope ignored = RequestIdScope.open("upstream-7")) {
            response = get(HttpClientRequestIds.withCurrentRequestId(HttpRequest.newBuilder(uri)));
        }

        assertThat(seen(response)).containsEntry("mdc", "upstream-7");
    }
}
