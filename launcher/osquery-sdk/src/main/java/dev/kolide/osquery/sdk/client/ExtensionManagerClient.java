package dev.kolide.osquery.sdk.client;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.ExtensionInfo;
import dev.kolide.osquery.sdk.ExtensionManager;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.ExtensionStatus;
import dev.kolide.osquery.sdk.OptionInfo;
import dev.kolide.osquery.sdk.OsqueryTransportException;
import dev.kolide.osquery.sdk.thrift.OsqueryCodec;
import dev.kolide.osquery.sdk.transport.SocketPaths;
import dev.kolide.osquery.sdk.transport.UnixSocketTransport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;

/**
 * A client of osqueryd's {@code ExtensionManager} (or, used through its {@link dev.kolide.osquery.sdk.Extension}
 * methods, of an extension's socket), as osquery-go's {@code ExtensionManagerClient}: one connection, calls
 * serialized on it, every read and write bounded by the timeout.
 *
 * <p>A call that fails on the transport closes the connection (its byte stream may be half a reply); the next
 * call connects again. Plugin failures are not exceptions: they come back as statuses with a non-zero code.
 */
public final class ExtensionManagerClient implements ExtensionManager, AutoCloseable {
    private final Path socket;
    private final Duration timeout;
    private UnixSocketTransport transport;
    private TProtocol protocol;
    private int sequence;
    private boolean closed;
    private boolean connectedOnce;

    private ExtensionManagerClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /**
     * Waits up to {@code timeout} for {@code socket} to exist (looking every 200 ms, as osquery-go), then connects.
     *
     * @throws OsqueryTransportException naming the socket when it did not appear or refused the connection
     * @throws InterruptedException when interrupted while waiting
     */
    public static ExtensionManagerClient connect(Path socket, Duration timeout) throws InterruptedException {
        requireNonNull(socket, "socket is null");
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        ExtensionManagerClient client = new ExtensionManagerClient(socket, timeout);
        synchronized (client) {
            client.open();
        }
        return client;
    }

    /**
     * A client that connects on its first call (osqueryd's clients of extensions); that first connection waits up
     * to the timeout for the socket file to appear.
     */
    public static ExtensionManagerClient lazy(Path socket, Duration timeout) {
        requireNonNull(socket, "socket is null");
        requireNonNull(timeout, "timeout is null");
        return new ExtensionManagerClient(socket, timeout);
    }

    public Path socket() {
        return socket;
    }

    private void open() {
        if (closed) {
            throw new OsqueryTransportException("the client of " + socket + " is closed");
        }
        if (transport != null && transport.isOpen()) {
            return;
        }
        // An extension registers before it listens on <socket>.<uuid>, and osqueryd binds its socket file a moment
        // before it listens (or a stale file from a dead osqueryd is still there, until it is replaced): on the first
        // connection give the file the timeout to appear and to accept. A reconnect fails fast, so a peer that went away does not stall
        // its callers.
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration wait = timeout;
        while (true) {
            try {
                if (!connectedOnce) {
                    SocketPaths.awaitExists(socket, wait);
                }
                transport = UnixSocketTransport.connect(socket, timeout);
                break;
            } catch (java.net.SocketException e) {
                // Refused, or the file went away between the look and the connect (osqueryd replacing a stale
                // socket): both mean "not listening yet".
                if (connectedOnce || System.nanoTime() + RETRY_NANOS > deadline) {
                    throw new OsqueryTransportException("connecting to " + socket + ": " + e.getMessage(), e);
                }
                sleepBeforeRetry();
                wait = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            } catch (IOException e) {
                throw new OsqueryTransportException("connecting to " + socket + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OsqueryTransportException("connecting to " + socket + ": interrupted while waiting for it",
                        e);
            }
        }
        protocol = new TBinaryProtocol(transport, true, true);
        connectedOnce = true;
    }

    /** osquery-go polls for the socket every 200 ms; refused connections are retried at the same pace. */
    private static final long RETRY_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200);

    private void sleepBeforeRetry() {
        try {
            Thread.sleep(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(RETRY_NANOS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OsqueryTransportException("connecting to " + socket + ": interrupted while waiting for it", e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (transport != null) {
            transport.close();
        }
    }

    @Override
    public ExtensionStatus ping() {
        return call("ping", out -> {}, OsqueryCodec::readStatus, TType.STRUCT);
    }

    @Override
    public ExtensionResponse call(String registry, String item, Map<String, String> request) {
        requireNonNull(registry, "registry is null");
        requireNonNull(item, "item is null");
        requireNonNull(request, "request is null");
        return call("call", out -> {
            OsqueryCodec.writeStringField(out, "registry", 1, registry);
            OsqueryCodec.writeStringField(out, "item", 2, item);
            out.writeFieldBegin(new TField("request", TType.MAP, (short) 3));
            OsqueryCodec.writeStringMap(out, request);
            out.writeFieldEnd();
        }, OsqueryCodec::readResponse, TType.STRUCT);
    }

    @Override
    public void shutdown() {
        call("shutdown", out -> {}, null, TType.VOID);
    }

    @Override
    public Map<Long, ExtensionInfo> extensions() {
        return call("extensions", out -> {}, OsqueryCodec::readExtensionList, TType.MAP);
    }

    @Override
    public Map<String, OptionInfo> options() {
        return call("options", out -> {}, OsqueryCodec::readOptionList, TType.MAP);
    }

    @Override
    public ExtensionStatus registerExtension(ExtensionInfo info,
            Map<String, Map<String, List<Map<String, String>>>> registry) {
        requireNonNull(info, "info is null");
        requireNonNull(registry, "registry is null");
        return call("registerExtension", out -> {
            out.writeFieldBegin(new TField("info", TType.STRUCT, (short) 1));
            OsqueryCodec.writeExtensionInfo(out, info);
            out.writeFieldEnd();
            out.writeFieldBegin(new TField("registry", TType.MAP, (short) 2));
            OsqueryCodec.writeRegistry(out, registry);
            out.writeFieldEnd();
        }, OsqueryCodec::readStatus, TType.STRUCT);
    }

    @Override
    public ExtensionStatus deregisterExtension(long uuid) {
        return call("deregisterExtension", out -> {
            out.writeFieldBegin(new TField("uuid", TType.I64, (short) 1));
            out.writeI64(uuid);
            out.writeFieldEnd();
        }, OsqueryCodec::readStatus, TType.STRUCT);
    }

    @Override
    public ExtensionResponse query(String sql) {
        requireNonNull(sql, "sql is null");
        return call("query", out -> OsqueryCodec.writeStringField(out, "sql", 1, sql),
                OsqueryCodec::readResponse, TType.STRUCT);
    }

    @Override
    public ExtensionResponse getQueryColumns(String sql) {
        requireNonNull(sql, "sql is null");
        return call("getQueryColumns", out -> OsqueryCodec.writeStringField(out, "sql", 1, sql),
                OsqueryCodec::readResponse, TType.STRUCT);
    }

    @FunctionalInterface
    private interface ArgsWriter {
        void write(TProtocol out) throws TException;
    }

    @FunctionalInterface
    private interface ResultReader<T> {
        T read(TProtocol in) throws TException;
    }

    private synchronized <T> T call(String method, ArgsWriter args, ResultReader<T> reader, byte resultType) {
        open();
        int seqid = ++sequence;
        try {
            protocol.writeMessageBegin(new TMessage(method, TMessageType.CALL, seqid));
            protocol.writeStructBegin(new TStruct(method + "_args"));
            args.write(protocol);
            protocol.writeFieldStop();
            protocol.writeStructEnd();
            protocol.writeMessageEnd();
            protocol.getTransport().flush();
            return readReply(method, seqid, reader, resultType);
        } catch (TApplicationException e) {
            // The peer answered with an error and the stream is intact: keep the connection.
            throw new OsqueryTransportException("calling " + method + " on " + socket + ": the peer refused: "
                    + e.getMessage(), e);
        } catch (TException | RuntimeException e) {
            transport.close();
            throw new OsqueryTransportException("calling " + method + " on " + socket + ": " + describe(e), e);
        }
    }

    private <T> T readReply(String method, int seqid, ResultReader<T> reader, byte resultType) throws TException {
        TMessage reply = protocol.readMessageBegin();
        if (reply.type == TMessageType.EXCEPTION) {
            TApplicationException error = TApplicationException.readFrom(protocol);
            protocol.readMessageEnd();
            throw error;
        }
        if (reply.type != TMessageType.REPLY || !method.equals(reply.name) || reply.seqid != seqid) {
            throw new TProtocolException("expected the reply to " + method + " #" + seqid
                    + ", got " + reply.name + " #" + reply.seqid + " of type " + reply.type);
        }
        T result = null;
        boolean found = false;
        protocol.readStructBegin();
        for (TField field = protocol.readFieldBegin(); field.type != TType.STOP; field = protocol.readFieldBegin()) {
            if (field.id == 0 && field.type == resultType && reader != null) {
                result = reader.read(protocol);
                found = true;
            } else {
                TProtocolUtil.skip(protocol, field.type);
            }
            protocol.readFieldEnd();
        }
        protocol.readStructEnd();
        protocol.readMessageEnd();
        if (reader != null && !found) {
            throw new TApplicationException(TApplicationException.MISSING_RESULT, method + " failed: unknown result");
        }
        return result;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
