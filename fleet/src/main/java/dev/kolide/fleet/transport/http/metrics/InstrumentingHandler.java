package dev.kolide.fleet.transport.http.metrics;

import static java.util.Objects.requireNonNull;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Counts every request that passes through into {@link HttpMetrics}: in flight while it is served, then count
 * and latency under the route the router put in the {@link #ROUTE_SERIES} attribute (the unmatched series when
 * none did). The measurement ends when Jetty completes the exchange, after the last byte of the response, and
 * starts at Jetty's own start time for the request.
 */
public final class InstrumentingHandler extends Handler.Wrapper {

    /** Request attribute: the {@link RequestSeries} of the route that served the request. */
    public static final String ROUTE_SERIES = InstrumentingHandler.class.getName() + ".series";

    private static final double NANOS_PER_SECOND = 1e9;

    private final HttpMetrics metrics;

    public InstrumentingHandler(HttpMetrics metrics, Handler handler) {
        super(requireNonNull(handler, "handler is null"));
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /** Marks {@code request} as served by the route of {@code series}; the router calls this once it matched. */
    public static void recordAs(Request request, RequestSeries series) {
        request.setAttribute(ROUTE_SERIES, series);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        metrics.requestStarted();
        // Registered first so it runs however the request ends: written, failed, or thrown out of the handler.
        Request.addCompletionListener(request, failure -> finished(request, response));
        return super.handle(request, response, callback);
    }

    private void finished(Request request, Response response) {
        metrics.requestFinished();
        RequestSeries series = request.getAttribute(ROUTE_SERIES) instanceof RequestSeries s
                ? s : metrics.unmatched(request.getMethod());
        double seconds = (System.nanoTime() - request.getBeginNanoTime()) / NANOS_PER_SECOND;
        series.record(response.getStatus(), seconds);
    }
}
