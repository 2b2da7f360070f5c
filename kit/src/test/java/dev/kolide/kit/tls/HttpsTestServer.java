package dev.kolide.kit.tls;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.net.URI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.LoggerFactory;

/** A Jetty HTTPS server on 127.0.0.1 and a free port that answers every request with "ok". */
final class HttpsTestServer implements AutoCloseable {

    static final String BODY = "ok";

    private final Server server;
    private final ServerConnector connector;
    private final SslContextFactory.Server sslContextFactory;

    private HttpsTestServer(Server server, ServerConnector connector, SslContextFactory.Server sslContextFactory) {
        this.server = server;
        this.connector = connector;
        this.sslContextFactory = sslContextFactory;
    }

    static HttpsTestServer start(ServerKeyMaterial key, TlsProfile profile) throws Exception {
        // The kit has no logback-test.xml (yet), and logback's default level is DEBUG: Jetty's tracing of every
        // TLS record tripled these tests' time.
        ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.INFO);
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("tls-test-" + profile);
        Server server = new Server(threads);
        SslContextFactory.Server ssl = JettyTls.serverSslContextFactory(key, profile);
        HttpConfiguration http = new HttpConfiguration();
        // Jetty's own Host-versus-certificate check is server policy; these tests are about the client's checks.
        http.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, 1, 1,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Sink.write(response, true, BODY, callback);
                return true;
            }
        });
        server.start();
        return new HttpsTestServer(server, connector, ssl);
    }

    int port() {
        return connector.getLocalPort();
    }

    URI uri() {
        return URI.create("https://127.0.0.1:" + port() + "/");
    }

    SslContextFactory.Server sslContextFactory() {
        return sslContextFactory;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the test server on port " + port(), e);
        }
    }
}
