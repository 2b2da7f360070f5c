package dev.kolide.osquery.lite.tls;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * osquery's TLS request helper: adds the node key to a request, tries it up to N times {@code i * i} back-off
 * units apart, and answers {@code node_invalid} by enrolling again and retrying once.
 */
final class TlsNodeApi {
    private final Logger log = LoggerFactory.getLogger(TlsNodeApi.class);
    private final TlsClient client;
    private final TlsEnrollment enrollment;
    private final Duration backoff;

    TlsNodeApi(TlsClient client, TlsEnrollment enrollment, Duration backoff) {
        this.client = requireNonNull(client, "client is null");
        this.enrollment = requireNonNull(enrollment, "enrollment is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
    }

    JsonNode post(String endpoint, ObjectNode params, int attempts, Duration timeout)
            throws TlsException, InterruptedException {
        TlsException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return postOnce(endpoint, params, timeout);
            } catch (TlsException e) {
                last = e;
                if (attempt < attempts) {
                    log.warn("{}; retrying", e.getMessage());
                    Thread.sleep(backoff.multipliedBy((long) attempt * attempt).toMillis());
                }
            }
        }
        throw last;
    }

    private JsonNode postOnce(String endpoint, ObjectNode params, Duration timeout)
            throws TlsException, InterruptedException {
        String key = enrollment.nodeKey();
        ObjectNode body = params.deepCopy();
        body.put("node_key", key);
        try {
            return client.post(endpoint, body, timeout);
        } catch (TlsException e) {
            if (!e.nodeInvalid()) {
                throw e;
            }
            enrollment.invalidate(key);
            String fresh = enrollment.nodeKey();
            if (fresh.equals(key)) {
                throw e; // enrollment is disabled: nothing else to try
            }
            body.put("node_key", fresh);
            return client.post(endpoint, body, timeout);
        }
    }
}
