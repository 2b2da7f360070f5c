package dev.kolide.osquery.lite.tls;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * osquery's {@code tls} enroll plugin and node-key cache: the key is kept in memory and in the database
 * directory; without one, {@link #nodeKey()} enrolls (POST enroll_secret, host_identifier, platform_type,
 * host_details → node_key), trying {@code --config_tls_max_attempts} times {@code i * i} back-off units apart, as
 * osquery does. After a failed enrollment, further ones wait a cool-down that doubles up to 10 minutes, so
 * three plugins failing at once do not hammer the server.
 */
final class TlsEnrollment {
    /** osquery's {@code kPlatformType} on Linux: POSIX (1) | LINUX (8). */
    static final String PLATFORM_TYPE = "9";
    static final Duration MAX_COOL_DOWN = Duration.ofMinutes(10);

    private final Logger log = LoggerFactory.getLogger(TlsEnrollment.class);
    private final TlsOptions options;
    private final TlsClient client;
    private final NodeKeyStore store;
    private final Supplier<String> hostIdentifier;
    private final HostDetails hostDetails;
    private final ObjectMapper json;
    private String nodeKey;
    private Duration coolDown = Duration.ZERO;
    private long notBeforeNanos;
    private boolean coolingDown;

    TlsEnrollment(TlsOptions options, TlsClient client, NodeKeyStore store, Supplier<String> hostIdentifier,
            HostDetails hostDetails, ObjectMapper json) {
        this.options = requireNonNull(options, "options is null");
        this.client = requireNonNull(client, "client is null");
        this.store = requireNonNull(store, "store is null");
        this.hostIdentifier = requireNonNull(hostIdentifier, "hostIdentifier is null");
        this.hostDetails = requireNonNull(hostDetails, "hostDetails is null");
        this.json = requireNonNull(json, "json is null");
    }

    /**
     * The node key: cached, stored, or enrolled for now. With {@code --disable_enrollment} there is no
     * enrollment: a stored key or the empty one (what osquery then sends).
     */
    synchronized String nodeKey() throws TlsException, InterruptedException {
        if (nodeKey != null) {
            return nodeKey;
        }
        var stored = store.read();
        if (stored.isPresent()) {
            nodeKey = stored.get();
            return nodeKey;
        }
        if (options.disableEnrollment()) {
            return "";
        }
        if (coolingDown && System.nanoTime() - notBeforeNanos < 0) {
            throw new TlsException("not enrolled: the last enrollment failed; the next try is in "
                    + Math.max(1, (notBeforeNanos - System.nanoTime()) / 1_000_000_000L) + " s");
        }
        TlsException last = null;
        for (int attempt = 1; attempt <= options.configMaxAttempts(); attempt++) {
            try {
                nodeKey = enrollOnce();
                store.write(nodeKey);
                coolingDown = false;
                coolDown = Duration.ZERO;
                log.info("enrolled with {} as {}", options.hostname(), hostIdentifier.get());
                return nodeKey;
            } catch (TlsException e) {
                last = e;
                if (attempt < options.configMaxAttempts()) {
                    log.warn("enrollment failed ({}); retrying", e.getMessage());
                    Thread.sleep(options.retryBackoff().multipliedBy((long) attempt * attempt).toMillis());
                }
            }
        }
        coolDown = coolDown.isZero() ? options.retryBackoff() : min(coolDown.multipliedBy(2), MAX_COOL_DOWN);
        coolingDown = true;
        notBeforeNanos = System.nanoTime() + coolDown.toNanos();
        throw new TlsException("enrollment failed: " + last.getMessage(), last);
    }

    /** Forgets {@code rejected} (the server said node_invalid), unless another thread already replaced it. */
    synchronized void invalidate(String rejected) {
        if (options.disableEnrollment() || nodeKey == null || !nodeKey.equals(rejected)) {
            return;
        }
        log.info("the server rejected the node key; enrolling again");
        nodeKey = null;
        store.clear();
    }

    private String enrollOnce() throws TlsException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("enroll_secret", secret());
        body.put("host_identifier", hostIdentifier.get());
        body.put("platform_type", PLATFORM_TYPE);
        body.set("host_details", hostDetails.collect());
        JsonNode answer;
        try {
            answer = client.post(options.enrollEndpoint(), body);
        } catch (TlsException e) {
            if (e.nodeInvalid()) {
                throw new TlsException("the server refused the enrollment (node_invalid): is the secret in "
                        + options.enrollSecretPath().map(Path::toString).orElse("(no --enroll_secret_path)")
                        + " right?", e);
            }
            throw e;
        }
        // osquery takes "id" too, from servers that name the key so.
        String key = answer.path("node_key").asText(answer.path("id").asText(""));
        if (key.isEmpty()) {
            throw new TlsException("the enrollment answer has no node_key");
        }
        return key;
    }

    /** osquery reads the secret file at each enrollment, trimmed; an unreadable file sends an empty secret. */
    private String secret() {
        if (options.enrollSecretPath().isEmpty()) {
            return "";
        }
        Path path = options.enrollSecretPath().get();
        try {
            return Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            log.warn("reading the enroll secret from {} failed: {}; enrolling with an empty secret", path,
                    e.toString());
            return "";
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
