package dev.kolide.launcher.client.jsonrpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.kit.reqid.HttpClientRequestIds;
import dev.kolide.kit.tls.HttpClientTls;
import dev.kolide.kit.tls.TlsProfile;
import dev.kolide.launcher.client.ClientOptions;
import dev.kolide.launcher.client.Failures;
import dev.kolide.launcher.service.DistributedQuery;
import dev.kolide.launcher.service.EnrollmentDetails;
import dev.kolide.launcher.service.KolideService;
import dev.kolide.launcher.service.LogKind;
import dev.kolide.launcher.service.QueryResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link KolideService} over JSON-RPC 2.0 (reference launcher.md §1.6; shapes on {@link JsonRpcWire}): each call
 * is one POST to {@code https://<host:port>/} ({@code http} with {@code --insecure_transport}), verified as
 * {@link ClientOptions#trust()} says. Thread-safe.
 *
 * <p>A reply is read up to {@link ClientOptions#maxReplyBytes()}; a larger one, a non-2xx status, a body that is
 * not a JSON-RPC response, a JSON-RPC error, a timeout or an I/O error is a {@link
 * dev.kolide.launcher.service.ServiceUnavailableException} naming the method and the server.
 */
public final class JsonRpcKolideClient implements KolideService {

    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final int SNIPPET_CHARS = 200;

    private final HttpClient http;
    private final URI endpoint;
    private final Duration timeout;
    private final int maxReplyBytes;
    private final JsonRpcWire wire;
    private final Failures failures;
    private final AtomicLong nextId = new AtomicLong();

    public JsonRpcKolideClient(ClientOptions options) {
        requireNonNull(options, "options is null");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // what launcher's Go client spoke; nothing here needs h2
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER); // a redirected POST would lose its body
        if (!options.insecureTransport()) {
            // The client accepts the broader profile: which suites to allow is the server's choice to make.
            HttpClientTls.configure(builder, options.trust(), TlsProfile.INTERMEDIATE);
        }
        this.http = builder.build();
        this.endpoint = URI.create((options.insecureTransport() ? "http" : "https") + "://"
                + options.server().authority() + "/");
        this.timeout = options.requestTimeout();
        this.maxReplyBytes = options.maxReplyBytes();
        this.failures = new Failures(options.server());
        this.wire = new JsonRpcWire(new ObjectMapper(), failures);
    }

    @Override
    public String requestEnrollment(String enrollSecret, String hostIdentifier, EnrollmentDetails details) {
        requireNonNull(enrollSecret, "enrollSecret is null");
        requireNonNull(hostIdentifier, "hostIdentifier is null");
        requireNonNull(details, "details is null");
        String method = "RequestEnrollment";
        String nodeKey = call(method, wire.enrollmentParams(enrollSecret, hostIdentifier, details)).string("node_key");
        if (nodeKey.isEmpty()) {
            throw failures.unavailable(method, "the server answered without a node key");
        }
        return nodeKey;
    }

    @Override
    public String requestConfig(String nodeKey) {
        requireNonNull(nodeKey, "nodeKey is null");
        return call("RequestConfig", wire.nodeKeyParams(nodeKey)).string("config");
    }

    @Override
    public List<DistributedQuery> requestQueries(String nodeKey) {
        requireNonNull(nodeKey, "nodeKey is null");
        return call("RequestQueries", wire.nodeKeyParams(nodeKey)).queries();
    }

    @Override
    public void publishLogs(String nodeKey, LogKind kind, List<String> logs) {
        requireNonNull(nodeKey, "nodeKey is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(logs, "logs is null");
        call("PublishLogs", wire.logParams(nodeKey, kind, logs));
    }

    @Override
    public void publishResults(String nodeKey, List<QueryResult> results) {
        requireNonNull(nodeKey, "nodeKey is null");
        requireNonNull(results, "results is null");
        call("PublishResults", wire.resultParams(nodeKey, results));
    }

    @Override
    public boolean checkHealth(String nodeKey) {
        requireNonNull(nodeKey, "nodeKey is null");
        return call("CheckHealth", wire.nodeKeyParams(nodeKey)).integer("status") == 1; // ServingStatus.SERVING
    }

    /** Sends one request; returns its accepted reply, or throws what went wrong. */
    private JsonRpcReply call(String method, ObjectNode params) {
        HttpRequest request = HttpClientRequestIds.withCurrentRequestId(HttpRequest.newBuilder(endpoint))
                .timeout(timeout)
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(wire.request(method, params, nextId.getAndIncrement())))
                .build();
        HttpResponse<InputStream> response = send(method, request);
        byte[] body = readBounded(method, response);
        if (response.statusCode() / 100 != 2) {
            throw failures.unavailable(method, "HTTP " + response.statusCode() + describeBody(body));
        }
        return wire.reply(method, body).requireAccepted();
    }

    private HttpResponse<InputStream> send(String method, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw failures.unavailable(method, "no reply within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw failures.unavailable(method, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failures.unavailable(method, "interrupted", e);
        }
    }

    private byte[] readBounded(String method, HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(maxReplyBytes + 1); // one more byte tells "too large" from "exactly the limit"
            if (body.length > maxReplyBytes) {
                throw failures.unavailable(method, "the reply is larger than " + maxReplyBytes + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw failures.unavailable(method, "reading the reply: " + e, e);
        }
    }

    private String describeBody(byte[] body) {
        String error = wire.errorIn(body);
        if (error != null) {
            return ", JSON-RPC error " + error;
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "";
        }
        text = text.length() <= SNIPPET_CHARS ? text : text.substring(0, SNIPPET_CHARS) + "...";
        return ": " + text.replaceAll("\\p{Cntrl}", " ");
    }
}
