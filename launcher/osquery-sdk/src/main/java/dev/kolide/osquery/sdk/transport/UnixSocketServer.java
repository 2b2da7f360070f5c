package dev.kolide.osquery.sdk.transport;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a Unix domain socket and serves each connection on its own thread, as osqueryd and osquery-go do
 * (peers keep one connection open and call over it one request at a time). {@link #close()} stops accepting,
 * closes every open connection and removes the socket file.
 */
public final class UnixSocketServer implements AutoCloseable {
    private final Logger log = LoggerFactory.getLogger(UnixSocketServer.class);
    private final Path path;
    private final ServerSocketChannel server;
    private final Handler handler;
    private final Set<UnixSocketTransport> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final CountDownLatch acceptorDone = new CountDownLatch(1);
    private final String threadPrefix;

    /** Serves one connection until it ends; exceptions end only that connection. */
    @FunctionalInterface
    public interface Handler {
        void serve(UnixSocketTransport connection) throws Exception;
    }

    private UnixSocketServer(Path path, ServerSocketChannel server, Handler handler, String threadPrefix) {
        this.path = path;
        this.server = server;
        this.handler = handler;
        this.threadPrefix = threadPrefix;
    }

    /**
     * Binds {@code path} (a stale file there is removed first) and starts accepting on a thread named
     * {@code threadPrefix}.
     *
     * @throws IOException naming the path when it cannot be bound
     */
    public static UnixSocketServer start(Path path, String threadPrefix, Handler handler) throws IOException {
        requireNonNull(path, "path is null");
        requireNonNull(threadPrefix, "threadPrefix is null");
        requireNonNull(handler, "handler is null");
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path), 64);
        } catch (IOException e) {
            server.close();
            throw new IOException("listening on " + path + ": " + e.getMessage(), e);
        }
        UnixSocketServer unixServer = new UnixSocketServer(path, server, handler, threadPrefix);
        Thread acceptor = new Thread(unixServer::acceptLoop, threadPrefix + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return unixServer;
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        try {
            while (!closed.get()) {
                SocketChannel channel;
                try {
                    channel = server.accept();
                } catch (AsynchronousCloseException e) {
                    return;
                } catch (IOException e) {
                    if (!closed.get()) {
                        log.warn("accepting a connection on {} failed; the server stops", path, e);
                    }
                    return;
                }
                UnixSocketTransport connection;
                try {
                    connection = UnixSocketTransport.accepted(path, channel, Duration.ZERO);
                } catch (IOException e) {
                    log.warn("setting up a connection on {} failed", path, e);
                    continue;
                }
                connections.add(connection);
                if (closed.get()) {
                    connection.close();
                    connections.remove(connection);
                    return;
                }
                Thread worker = new Thread(() -> serve(connection),
                        threadPrefix + "-conn-" + connectionCount.incrementAndGet());
                worker.setDaemon(true);
                worker.start();
            }
        } finally {
            acceptorDone.countDown();
        }
    }

    private void serve(UnixSocketTransport connection) {
        try {
            handler.serve(connection);
        } catch (Exception e) {
            if (!closed.get()) {
                log.debug("connection on {} ended: {}", path, e.toString());
            }
        } finally {
            connection.close();
            connections.remove(connection);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            log.debug("closing the listener on {}: {}", path, e.toString());
        }
        for (UnixSocketTransport connection : connections) {
            connection.close();
        }
        try {
            acceptorDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("removing socket " + path, e);
        }
    }
}
