package dev.kolide.osquery.sdk.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.osquery.sdk.Extension;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.ExtensionStatus;
import dev.kolide.osquery.sdk.OsqueryTransportException;
import dev.kolide.osquery.sdk.client.ExtensionManagerClient;
import dev.kolide.kit.testing.ShortTempDir;
import dev.kolide.osquery.sdk.transport.UnixSocketServer;
import dev.kolide.osquery.sdk.transport.UnixSocketTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input on the wire: the server answers with a Thrift error and keeps serving. */
class ExtensionProcessorTest {
    private final ShortTempDir dir = new ShortTempDir();
    private Path socket;
    private UnixSocketServer server;

    @BeforeEach
    void serve() throws Exception {
        socket = dir.resolve("ext.sock");
        Extension extension = new Extension() {
            @Override
            public ExtensionStatus ping() {
                return ExtensionStatus.ok();
            }

            @Override
            public ExtensionResponse call(String registry, String item, Map<String, String> request) {
                throw new IllegalStateException("boom in " + item);
            }

            @Override
            public void shutdown() {}
        };
        server = UnixSocketServer.start(socket, "test", ExtensionProcessor.forExtension(extension));
    }

    @AfterEach
    void stop() {
        server.close();
        dir.close();
    }

    @Test
    void aMalformedFrameGetsAProtocolErrorAndTheConnectionIsClosedButTheServerKeepsServing() throws Exception {
        try (UnixSocketTransport raw = UnixSocketTransport.connect(socket, Duration.ofSeconds(5))) {
            raw.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            raw.flush();
            TBinaryProtocol in = new TBinaryProtocol(raw);
            TMessage reply = in.readMessageBegin();
            assertThat(reply.type).isEqualTo(TMessageType.EXCEPTION);
            TApplicationException error = TApplicationException.readFrom(in);
            assertThat(error.getType()).isEqualTo(TApplicationException.PROTOCOL_ERROR);
            assertThat(error.getMessage()).startsWith("malformed message");
            assertThatThrownBy(() -> raw.read(new byte[1], 0, 1)).isInstanceOf(TTransportException.class);
        }

        try (ExtensionManagerClient client = ExtensionManagerClient.connect(socket, Duration.ofSeconds(5))) {
            assertThat(client.ping()).isEqualTo(ExtensionStatus.ok());
        }
    }

    @Test
    void anUnknownMethodGetsUnknownMethodAndTheSameConnectionGoesOn() throws Exception {
        try (UnixSocketTransport raw = UnixSocketTransport.connect(socket, Duration.ofSeconds(5))) {
            TBinaryProtocol protocol = new TBinaryProtocol(raw);
            protocol.writeMessageBegin(new TMessage("nosuch", TMessageType.CALL, 3));
            protocol.writeStructBegin(new TStruct("nosuch_args"));
            protocol.writeFieldStop();
            protocol.writeStructEnd();
            protocol.writeMessageEnd();
            raw.flush();

            TMessage reply = protocol.readMessageBegin();
            TApplicationException error = TApplicationException.readFrom(protocol);
            protocol.readMessageEnd();
            assertThat(reply.seqid).isEqualTo(3);
            assertThat(error.getType()).isEqualTo(TApplicationException.UNKNOWN_METHOD);
            assertThat(error.getMessage()).isEqualTo("Invalid method name: 'nosuch'");

            protocol.writeMessageBegin(new TMessage("ping", TMessageType.CALL, 4));
            protocol.writeStructBegin(new TStruct("ping_args"));
            protocol.writeFieldStop();
            protocol.writeStructEnd();
            protocol.writeMessageEnd();
            raw.flush();
            TMessage pong = protocol.readMessageBegin();
            assertThat(pong.type).isEqualTo(TMessageType.REPLY);
            assertThat(pong.seqid).isEqualTo(4);
        }
    }

    @Test
    void anImplementationThatThrowsGetsAnInternalErrorWithItsMessageAndNoStackTrace() throws Exception {
        try (ExtensionManagerClient client = ExtensionManagerClient.connect(socket, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> client.call("table", "t", Map.of()))
                    .isInstanceOf(OsqueryTransportException.class)
                    .hasMessageContaining("Internal error processing call: boom in t")
                    .message().doesNotContain("\tat ", "IllegalStateException");
            assertThat(client.ping().isOk()).as("the connection survives").isTrue();
        }
    }
}
