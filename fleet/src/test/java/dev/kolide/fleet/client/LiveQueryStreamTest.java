package dev.kolide.fleet.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.kit.tls.ClientTrust;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The results socket against a scripted RFC 6455 server (plain ws on 127.0.0.1), standing in for fleet's live
 * query endpoint, which does not exist yet: the client's opening messages and how it decodes what follows.
 */
@Timeout(30)
class LiveQueryStreamTest {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile String requestLine;
    private Thread thread;

    @BeforeEach
    void startServer() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        if (thread != null) {
            thread.join(5000);
        }
    }

    /** Accepts one client, reads its two opening messages, then sends {@code script} and a close frame. */
    private void serve(List<String> script) {
        thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                String key = handshake(in);
                String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                received.add(readText(in));
                received.add(readText(in));
                for (String message : script) {
                    frame(out, 0x1, message.getBytes(StandardCharsets.UTF_8));
                }
                frame(out, 0x8, new byte[] {0x03, (byte) 0xe8, 'd', 'o', 'n', 'e'});
                out.flush();
                socket.setSoTimeout(2000);
                in.read(); // the client's close answer, or a timeout
            } catch (Exception e) {
                received.add("server failed: " + e);
            }
        });
        thread.start();
    }

    private String handshake(DataInputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("client closed during the handshake");
            }
            if (c == '\n') {
                String text = line.toString().strip();
                if (text.isEmpty()) {
                    break;
                }
                lines.add(text);
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        requestLine = lines.get(0);
        return lines.stream().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElseThrow();
    }

    /** One masked client text frame (the JDK client sends small messages unfragmented). */
    private static String readText(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] mask = new byte[4];
        in.readFully(mask);
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        if ((first & 0x0f) != 0x1) {
            throw new IOException("expected a text frame, got opcode " + (first & 0x0f));
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        frame.write(payload);
        out.write(frame.toByteArray());
    }

    private List<LiveQueryEvent> drain(LiveQueryStream stream) throws InterruptedException {
        List<LiveQueryEvent> events = new ArrayList<>();
        while (true) {
            Optional<LiveQueryEvent> next = stream.next(Duration.ofSeconds(5));
            assertThat(next).as("an event within 5s after %s", events).isPresent();
            events.add(next.get());
            if (next.get() instanceof LiveQueryEvent.Closed) {
                return events;
            }
        }
    }

    @Test
    void theClientAuthenticatesSelectsTheCampaignAndHandsOutTheServersMessagesInOrder() throws Exception {
        serve(List.of(
                "{\"type\":\"totals\",\"data\":{\"count\":2,\"online\":1,\"offline\":1,\"missing_in_action\":0}}",
                "{\"type\":\"result\",\"data\":{\"host\":{\"hostname\":\"web-01\"},\"rows\":[{\"n\":\"1\"}],"
                        + "\"error\":null}}",
                "{\"type\":\"status\",\"data\":{\"expected_results\":1,\"actual_results\":1,\"status\":\"finished\"}}"));
        FleetClient client = FleetClient.connect(new FleetEndpoint(
                URI.create("http://127.0.0.1:" + server.getLocalPort()), "/prefix", ClientTrust.systemRoots()))
                .withToken("the-token");

        List<LiveQueryEvent> events;
        try (LiveQueryStream stream = LiveQueryStream.open(client, new Campaign(42, 7L, "waiting"))) {
            events = drain(stream);
        }

        assertThat(requestLine).isEqualTo("GET /prefix/api/v1/kolide/results/websocket HTTP/1.1");
        assertThat(received).containsExactly(
                "{\"type\":\"auth\",\"data\":{\"token\":\"the-token\"}}",
                "{\"type\":\"select_campaign\",\"data\":{\"campaign_id\":42}}");
        assertThat(events).hasSize(4);
        assertThat(events.get(0)).isEqualTo(new LiveQueryEvent.Totals(2, 1, 1, 0));
        assertThat(events.get(1)).isInstanceOfSatisfying(LiveQueryEvent.Result.class, r -> {
            assertThat(r.hostname()).isEqualTo("web-01");
            assertThat(r.error()).isNull();
        });
        assertThat(events.get(2)).isEqualTo(new LiveQueryEvent.Status(1, 1, "finished"));
        assertThat(events.get(3)).isEqualTo(new LiveQueryEvent.Closed(1000, "done"));
    }

    @Test
    void aServerThatIsNotThereFailsTheOpeningWithTheAddress() throws IOException {
        int port = server.getLocalPort();
        server.close();
        FleetClient client = FleetClient.connect(new FleetEndpoint(URI.create("http://127.0.0.1:" + port), "",
                ClientTrust.systemRoots())).withToken("t");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LiveQueryStream.open(client,
                new Campaign(1, null, null))).isInstanceOf(FleetClientException.class)
                .hasMessageContaining("campaign 1").hasMessageContaining("http://127.0.0.1:" + port);
    }
}
