package dev.kolide.osquery.sdk.transport;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.transport.TEndpointTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * A buffered, unframed Thrift transport over a Unix domain socket: what osqueryd speaks on its extensions
 * socket. libthrift's own socket transports are TCP-only, and a JDK Unix-domain {@link SocketChannel} has no
 * {@code SO_TIMEOUT}; this transport runs the channel non-blocking and waits on a {@link Selector} so that every
 * read and write honours {@code timeout} (zero waits forever, which servers use for idle connections).
 *
 * <p>{@link #close()} may be called from any thread and wakes a reader or writer, which then fails with a
 * {@link TTransportException}. One thread at a time reads and writes.
 */
public final class UnixSocketTransport extends TEndpointTransport {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path path;
    private final SocketChannel channel;
    private final Selector selector;
    private final long timeoutNanos;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(BUFFER_BYTES).flip();
    private ByteBuffer writeBuffer = ByteBuffer.allocate(BUFFER_BYTES);

    private UnixSocketTransport(Path path, SocketChannel channel, Duration timeout, TConfiguration configuration)
            throws IOException, TTransportException {
        super(configuration);
        this.path = path;
        this.channel = channel;
        this.timeoutNanos = timeout.toNanos();
        channel.configureBlocking(false);
        this.selector = Selector.open();
    }

    /** Connects to {@code path}; the connection exists when this returns. */
    public static UnixSocketTransport connect(Path path, Duration timeout) throws IOException {
        requireNonNull(path, "path is null");
        requireNonNull(timeout, "timeout is null");
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            // A Unix-domain connect completes or fails at once (no handshake to wait for).
            channel.connect(UnixDomainSocketAddress.of(path));
            return new UnixSocketTransport(path, channel, timeout, configuration());
        } catch (IOException | TTransportException | RuntimeException e) {
            channel.close();
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("setting up the connection to " + path, e);
        }
    }

    /** Wraps a connection a server accepted on {@code path}. */
    public static UnixSocketTransport accepted(Path path, SocketChannel channel, Duration timeout) throws IOException {
        requireNonNull(channel, "channel is null");
        try {
            return new UnixSocketTransport(path, channel, timeout, configuration());
        } catch (TTransportException e) {
            channel.close();
            throw new IOException("setting up the connection accepted on " + path, e);
        }
    }

    private static TConfiguration configuration() {
        // Results of large queries travel as one message; osquery sets no limit. Allow 256 MiB.
        return TConfiguration.custom().setMaxMessageSize(256 * 1024 * 1024).build();
    }

    public Path path() {
        return path;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void open() {
        // Connected by the factory methods.
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a Unix socket does not fail in a way that matters to the caller.
        }
        try {
            selector.close(); // wakes a thread blocked in select
        } catch (IOException e) {
            // as above
        }
    }

    @Override
    public int read(byte[] buf, int off, int len) throws TTransportException {
        if (len == 0) {
            return 0;
        }
        if (!readBuffer.hasRemaining()) {
            fill();
        }
        int n = Math.min(len, readBuffer.remaining());
        readBuffer.get(buf, off, n);
        return n;
    }

    private void fill() throws TTransportException {
        readBuffer.clear();
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            while (true) {
                int n = channel.read(readBuffer);
                if (n > 0) {
                    readBuffer.flip();
                    return;
                }
                if (n < 0) {
                    readBuffer.flip();
                    throw new TTransportException(TTransportException.END_OF_FILE,
                            "the peer closed the connection on " + path);
                }
                await(SelectionKey.OP_READ, deadline, "reading from");
            }
        } catch (IOException | ClosedSelectorException e) {
            readBuffer.position(0).limit(0);
            throw new TTransportException(TTransportException.NOT_OPEN, "reading from " + path + ": " + describe(e), e);
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws TTransportException {
        if (writeBuffer.remaining() < len) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(writeBuffer.capacity() * 2, writeBuffer.position() + len));
            writeBuffer.flip();
            larger.put(writeBuffer);
            writeBuffer = larger;
        }
        writeBuffer.put(buf, off, len);
    }

    @Override
    public void flush() throws TTransportException {
        writeBuffer.flip();
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            while (writeBuffer.hasRemaining()) {
                if (channel.write(writeBuffer) == 0) {
                    await(SelectionKey.OP_WRITE, deadline, "writing to");
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            throw new TTransportException(TTransportException.NOT_OPEN, "writing to " + path + ": " + describe(e), e);
        } finally {
            writeBuffer.clear();
            if (writeBuffer.capacity() > 4 * BUFFER_BYTES) {
                writeBuffer = ByteBuffer.allocate(BUFFER_BYTES);
            }
        }
    }

    private void await(int operation, long deadline, String doing) throws IOException, TTransportException {
        long waitMillis = 0;
        if (timeoutNanos > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TTransportException(TTransportException.TIMED_OUT, doing + " " + path + ": timed out after "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
            }
            waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
        }
        SelectionKey key = channel.register(selector, operation);
        try {
            selector.select(waitMillis);
            selector.selectedKeys().clear();
        } finally {
            key.interestOps(0);
        }
        if (!channel.isOpen()) {
            throw new TTransportException(TTransportException.NOT_OPEN, doing + " " + path + ": the connection was closed");
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
