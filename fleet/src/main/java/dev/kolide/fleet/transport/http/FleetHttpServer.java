package dev.kolide.fleet.transport.http;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.transport.http.metrics.HttpMetrics;
import dev.kolide.fleet.transport.http.metrics.InstrumentingHandler;
import dev.kolide.fleet.transport.http.routing.Router;
import dev.kolide.kit.reqid.RequestIdHandler;
import dev.kolide.kit.run.Actor;
import dev.kolide.kit.tls.JettyTls;
import java.net.URI;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fleet's one listening port (reference §3): HTTP/1.1 and HTTP/2 (ALPN) over TLS, or HTTP/1.1 and h2c without,
 * and this handler tree:
 *
 * <pre>
 * RequestIdHandler        X-Request-Id in, out, and in the MDC
 *  └ GracefulHandler      lets requests in flight finish on stop; 503 to new ones
 *     └ GrpcDispatchHandler   only with a gRPC handler: HTTP/2 + application/grpc → gRPC
 *        └ InstrumentingHandler   count, latency and in-flight metrics per route
 *           └ Router               method + path → route → JSON; 404/405; errors in the group's style
 * </pre>
 *
 * <p>Jetty's own errors (malformed requests) are answered as JSON too. In main, run it in the program's
 * {@link dev.kolide.kit.run.RunGroup}: {@code group.add("http", server.actor())}.
 */
public final class FleetHttpServer implements AutoCloseable {

    private final Logger log = LoggerFactory.getLogger(FleetHttpServer.class);
    private final HttpServerOptions options;
    private final Server server;
    private final ServerConnector connector;
    private final Object lifecycleLock = new Object();
    private boolean stopRequested;

    /** A server for the HTTP API only. */
    public FleetHttpServer(HttpServerOptions options, Router router, HttpMetrics metrics) {
        this(options, router, metrics, null);
    }

    /**
     * A server that also serves gRPC on the same port: {@code grpc} gets the HTTP/2 requests with a gRPC content
     * type (see {@link GrpcDispatchHandler}); null means no gRPC.
     */
    public FleetHttpServer(HttpServerOptions options, Router router, HttpMetrics metrics, Handler grpc) {
        this.options = requireNonNull(options, "options is null");
        requireNonNull(router, "router is null");
        requireNonNull(metrics, "metrics is null");
        QueuedThreadPool threads = new QueuedThreadPool(options.maxThreads(), 8);
        threads.setName("fleet-http");
        this.server = new Server(threads);
        this.connector = newConnector(server, options);
        server.addConnector(connector);

        Handler http = new InstrumentingHandler(metrics, router);
        Handler dispatch = grpc == null ? http : new GrpcDispatchHandler(grpc, http);
        server.setHandler(new RequestIdHandler(new GracefulHandler(dispatch)));
        server.setErrorHandler(new JsonErrorHandler(router));
        server.setStopTimeout(options.stopTimeout().toMillis());
        // The program's run group decides when to stop, after its own signal handling.
        server.setStopAtShutdown(false);
    }

    private static ServerConnector newConnector(Server server, HttpServerOptions options) {
        HttpConfiguration http = new HttpConfiguration();
        http.setIdleTimeout(options.ioTimeout().toMillis());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        HttpConnectionFactory http11 = new HttpConnectionFactory(http);
        ServerConnector connector;
        if (options.tlsEnabled()) {
            http.setSecureScheme("https");
            // Serve requests for names the certificate lacks, as Go does (see JettyTls): an --insecure launcher
            // dialling an IP address needs it.
            http.addCustomizer(new SecureRequestCustomizer(false));
            SslContextFactory.Server ssl =
                    JettyTls.serverSslContextFactory(options.keyMaterial(), options.tlsProfile());
            // HTTP/2 forbids some suites (the intermediate profile's CBC ones); this puts the allowed ones first.
            ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
            HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(http);
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
            alpn.setDefaultProtocol(http11.getProtocol());
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, http2,
                    http11);
        } else if (options.cleartextHttp2()) {
            connector = new ServerConnector(server, http11, new HTTP2CServerConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, http11);
        }
        connector.setHost(options.host().isEmpty() ? null : options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(options.idleTimeout().toMillis());
        return connector;
    }

    /** Binds the port and starts serving; returns once requests are accepted. */
    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            throw new HttpServerException("starting the HTTP server on " + address(), e);
        }
        log.info("serving {} on {}:{}", options.tlsEnabled() ? "HTTPS (HTTP/1.1, HTTP/2)"
                : options.cleartextHttp2() ? "HTTP (HTTP/1.1, h2c)" : "HTTP/1.1",
                options.host().isEmpty() ? "*" : options.host(), port());
    }

    /** The bound port (the one picked when the options said 0); -1 before {@link #start()}. */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code https://host:port} (or http), with 127.0.0.1 for a server bound to every interface. */
    public URI uri() {
        String host = options.host().isEmpty() || options.host().equals("0.0.0.0") ? "127.0.0.1"
                : options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create((options.tlsEnabled() ? "https" : "http") + "://" + host + ":" + port());
    }

    /**
     * Stops accepting connections, lets requests in flight finish for up to the stop timeout, then closes
     * everything. Idempotent.
     */
    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new HttpServerException("stopping the HTTP server on " + address(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * This server as a run group actor: {@code execute} starts it and waits until it has stopped;
     * {@code interrupt} begins a graceful stop on a thread of its own, so that the group can interrupt its other
     * actors meanwhile. An interrupt before {@code execute} makes it return at once without starting.
     */
    public Actor actor() {
        return Actor.of(this::serveUntilStopped, cause -> requestStop());
    }

    private void serveUntilStopped() throws InterruptedException {
        synchronized (lifecycleLock) {
            if (stopRequested) {
                return;
            }
            start();
        }
        server.join();
    }

    private void requestStop() {
        synchronized (lifecycleLock) {
            stopRequested = true;
        }
        Thread stopper = new Thread(this::stopQuietly, "fleet-http-stop");
        stopper.start();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("stopping the HTTP server on {}", address(), e);
        }
    }

    private String address() {
        return (options.host().isEmpty() ? "*" : options.host()) + ":" + options.port();
    }
}
