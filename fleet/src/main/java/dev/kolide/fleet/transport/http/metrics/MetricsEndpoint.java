package dev.kolide.fleet.transport.http.metrics;

import static java.util.Objects.requireNonNull;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a registry in Prometheus' text format 0.0.4 ({@code text/plain; version=0.0.4; charset=utf-8}), which
 * every Prometheus server reads; OpenMetrics and protobuf negotiation are left out. Register it at
 * {@code GET /metrics} (see {@code OperationalEndpoints}).
 */
public final class MetricsEndpoint extends Handler.Abstract {

    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsEndpoint(PrometheusRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream(16 * 1024);
        writer.write(text, registry.scrape());
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, writer.getContentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(text.toByteArray()), callback);
        return true;
    }
}
