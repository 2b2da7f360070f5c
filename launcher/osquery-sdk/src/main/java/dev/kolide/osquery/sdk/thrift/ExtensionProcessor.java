package dev.kolide.osquery.sdk.thrift;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.Extension;
import dev.kolide.osquery.sdk.ExtensionInfo;
import dev.kolide.osquery.sdk.ExtensionManager;
import dev.kolide.osquery.sdk.transport.UnixSocketServer;
import dev.kolide.osquery.sdk.transport.UnixSocketTransport;
import java.util.HashMap;
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
import org.apache.thrift.transport.TTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves osquery's {@code Extension} service (and, when given an {@link ExtensionManager}, the manager's methods
 * too) on one connection: reads a call, runs it, writes the reply, until the peer hangs up.
 *
 * <p>Bad input never stops the server: an unknown method gets Thrift's {@code UNKNOWN_METHOD} exception and the
 * connection goes on; a malformed message gets a {@code PROTOCOL_ERROR} exception (when a reply can still be
 * written) and that connection is closed, since its byte stream can no longer be trusted; an implementation that
 * throws gets {@code INTERNAL_ERROR} with the exception's message, never its stack trace.
 */
public final class ExtensionProcessor implements UnixSocketServer.Handler {
    private final Logger log = LoggerFactory.getLogger(ExtensionProcessor.class);
    private final Extension extension;
    private final ExtensionManager manager;

    private ExtensionProcessor(Extension extension, ExtensionManager manager) {
        this.extension = extension;
        this.manager = manager;
    }

    /** Serves an extension's three methods. */
    public static ExtensionProcessor forExtension(Extension extension) {
        return new ExtensionProcessor(requireNonNull(extension, "extension is null"), null);
    }

    /** Serves every method of the manager. */
    public static ExtensionProcessor forManager(ExtensionManager manager) {
        requireNonNull(manager, "manager is null");
        return new ExtensionProcessor(manager, manager);
    }

    @Override
    public void serve(UnixSocketTransport connection) throws TException {
        // Strict reads: every osquery peer writes the version word, and without it a stray byte stream would be
        // read as a (possibly huge) method name length instead of being refused.
        TProtocol protocol = new TBinaryProtocol(connection, true, true);
        while (connection.isOpen()) {
            if (!serveOne(protocol)) {
                return;
            }
        }
    }

    /** Serves one call; false when the connection should end. */
    boolean serveOne(TProtocol protocol) throws TException {
        TMessage message;
        try {
            message = protocol.readMessageBegin();
        } catch (TTransportException e) {
            return false; // the peer hung up (or the server is closing)
        } catch (TProtocolException e) {
            reject(protocol, new TMessage("", TMessageType.EXCEPTION, 0), TApplicationException.PROTOCOL_ERROR,
                    "malformed message: " + e.getMessage());
            return false;
        }
        if (message.type != TMessageType.CALL && message.type != TMessageType.ONEWAY) {
            reject(protocol, message, TApplicationException.INVALID_MESSAGE_TYPE,
                    "expected a call, got message type " + message.type);
            return false;
        }
        Call call;
        try {
            call = readCall(protocol, message);
        } catch (TProtocolException | TTransportException e) {
            // Past a valid message header a transport error is bad input too (a length beyond the message size
            // limit); answer if the peer still listens, then drop the connection.
            reject(protocol, message, TApplicationException.PROTOCOL_ERROR,
                    "malformed arguments of " + message.name + ": " + e.getMessage());
            return false;
        }
        if (call == null) {
            reject(protocol, message, TApplicationException.UNKNOWN_METHOD,
                    "Invalid method name: '" + message.name + "'");
            return true;
        }
        Reply reply;
        try {
            reply = call.run();
        } catch (RuntimeException e) {
            log.warn("handling {} failed", message.name, e);
            reject(protocol, message, TApplicationException.INTERNAL_ERROR,
                    "Internal error processing " + message.name + ": " + e.getMessage());
            return true;
        }
        if (message.type == TMessageType.ONEWAY) {
            return true;
        }
        protocol.writeMessageBegin(new TMessage(message.name, TMessageType.REPLY, message.seqid));
        protocol.writeStructBegin(new TStruct(message.name + "_result"));
        reply.writeSuccess(protocol);
        protocol.writeFieldStop();
        protocol.writeStructEnd();
        protocol.writeMessageEnd();
        protocol.getTransport().flush();
        call.afterReply();
        return true;
    }

    private void reject(TProtocol protocol, TMessage message, int type, String text) {
        log.debug("rejecting a call: {}", text);
        try {
            protocol.writeMessageBegin(new TMessage(message.name, TMessageType.EXCEPTION, message.seqid));
            new TApplicationException(type, text).write(protocol);
            protocol.writeMessageEnd();
            protocol.getTransport().flush();
        } catch (TException e) {
            log.debug("could not tell the peer: {}", e.toString());
        }
    }

    /** A decoded call: runs against the implementation and gives the value to write in field 0. */
    private interface Call {
        Reply run();

        /** Work that must follow the reply (shutdown: the peer waits for its acknowledgement first). */
        default void afterReply() {}
    }

    @FunctionalInterface
    private interface Reply {
        void writeSuccess(TProtocol out) throws TException;
    }

    private Call readCall(TProtocol in, TMessage message) throws TException {
        String name = message.name;
        Args args = Args.read(in, name);
        in.readMessageEnd();
        switch (name) {
            case "ping":
                return () -> out -> success(out, TType.STRUCT, () -> OsqueryCodec.writeStatus(out, extension.ping()));
            case "call": {
                String registry = args.string(1);
                String item = args.string(2);
                Map<String, String> request = args.stringMap(3);
                return () -> {
                    var response = extension.call(registry, item, request);
                    return out -> success(out, TType.STRUCT, () -> OsqueryCodec.writeResponse(out, response));
                };
            }
            case "shutdown":
                return new Call() {
                    @Override
                    public Reply run() {
                        return out -> {};
                    }

                    @Override
                    public void afterReply() {
                        extension.shutdown();
                    }
                };
            default:
                break;
        }
        if (manager == null) {
            return null;
        }
        switch (name) {
            case "extensions":
                return () -> {
                    var list = manager.extensions();
                    return out -> success(out, TType.MAP, () -> OsqueryCodec.writeExtensionList(out, list));
                };
            case "options":
                return () -> {
                    var options = manager.options();
                    return out -> success(out, TType.MAP, () -> OsqueryCodec.writeOptionList(out, options));
                };
            case "registerExtension": {
                ExtensionInfo info = args.info(1);
                Map<String, Map<String, List<Map<String, String>>>> registry = args.registry(2);
                return () -> {
                    var status = manager.registerExtension(info, registry);
                    return out -> success(out, TType.STRUCT, () -> OsqueryCodec.writeStatus(out, status));
                };
            }
            case "deregisterExtension": {
                long uuid = args.i64(1);
                return () -> {
                    var status = manager.deregisterExtension(uuid);
                    return out -> success(out, TType.STRUCT, () -> OsqueryCodec.writeStatus(out, status));
                };
            }
            case "query": {
                String sql = args.string(1);
                return () -> {
                    var response = manager.query(sql);
                    return out -> success(out, TType.STRUCT, () -> OsqueryCodec.writeResponse(out, response));
                };
            }
            case "getQueryColumns": {
                String sql = args.string(1);
                return () -> {
                    var response = manager.getQueryColumns(sql);
                    return out -> success(out, TType.STRUCT, () -> OsqueryCodec.writeResponse(out, response));
                };
            }
            default:
                return null;
        }
    }

    @FunctionalInterface
    private interface Body {
        void write() throws TException;
    }

    private static void success(TProtocol out, byte type, Body body) throws TException {
        out.writeFieldBegin(new TField("success", type, (short) 0));
        body.write();
        out.writeFieldEnd();
    }

    /** The fields of an args struct, read whatever the method (so unknown methods are skipped cleanly too). */
    private static final class Args {
        private final Map<Short, Object> values = new HashMap<>();

        static Args read(TProtocol in, String method) throws TException {
            boolean register = method.equals("registerExtension");
            boolean call = method.equals("call");
            Args args = new Args();
            in.readStructBegin();
            for (TField field = in.readFieldBegin(); field.type != TType.STOP; field = in.readFieldBegin()) {
                Object value = switch (field.type) {
                    case TType.STRING -> in.readString();
                    case TType.I64 -> in.readI64();
                    case TType.STRUCT -> register && field.id == 1 ? OsqueryCodec.readExtensionInfo(in)
                            : skip(in, field.type);
                    case TType.MAP -> call && field.id == 3 ? OsqueryCodec.readStringMap(in)
                            : register && field.id == 2 ? OsqueryCodec.readRegistry(in) : skip(in, field.type);
                    default -> skip(in, field.type);
                };
                if (value != null) {
                    args.values.put(field.id, value);
                }
                in.readFieldEnd();
            }
            in.readStructEnd();
            return args;
        }

        private static Object skip(TProtocol in, byte type) throws TException {
            TProtocolUtil.skip(in, type);
            return null;
        }

        String string(int id) {
            return values.get((short) id) instanceof String s ? s : "";
        }

        long i64(int id) {
            return values.get((short) id) instanceof Long l ? l : 0L;
        }

        @SuppressWarnings("unchecked")
        Map<String, String> stringMap(int id) {
            Object value = values.get((short) id);
            return value instanceof Map<?, ?> ? (Map<String, String>) value : Map.of();
        }

        ExtensionInfo info(int id) {
            return values.get((short) id) instanceof ExtensionInfo info ? info : new ExtensionInfo("", "", "", "");
        }

        @SuppressWarnings("unchecked")
        Map<String, Map<String, List<Map<String, String>>>> registry(int id) {
            Object value = values.get((short) id);
            return value instanceof Map<?, ?> ? (Map<String, Map<String, List<Map<String, String>>>>) value : Map.of();
        }
    }
}
