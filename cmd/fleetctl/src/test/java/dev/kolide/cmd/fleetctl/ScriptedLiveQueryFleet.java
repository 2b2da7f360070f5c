package dev.kolide.cmd.fleetctl;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for fleet's live-query side, which is being written in parallel: plain HTTP on 127.0.0.1 answering
 * {@code POST queries/run_by_names} with a campaign, and the results WebSocket (RFC 6455, by hand) which reads
 * the client's two opening messages and then sends a script. Records what the client sent.
 */
final class ScriptedLiveQueryFleet implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final List<String> script;
    private final boolean closeAfterScript;
    private final Thread thread;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> socketMessages = new CopyOnWriteArrayList<>();

    ScriptedLiveQueryFleet(List<String> script, boolean closeAfterScript) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.script = List.copyOf(script);
        this.closeAfterScript = closeAfterScript;
        this.thread = new Thread(this::serve, "scripted-fleet");
        thread.setDaemon(true);
        thread.start();
    }

    String address() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                Map<String, String> headers = new LinkedHashMap<>();
                String requestLine = readHead(in, headers);
                requests.add(requestLine);
                if (headers.containsKey("sec-websocket-key")) {
                    webSocket(in, out, headers.get("sec-websocket-key"));
                } else {
                    byte[] body = new byte[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
                    in.readFully(body);
                    bodies.add(new String(body, StandardCharsets.UTF_8));
                    String reply = requestLine.contains("/queries/run_by_names")
                            ? "{\"campaign\":{\"id\":42,\"query_id\":7,\"status\":\"waiting\"}}"
                            : "{\"message\":\"not scripted\",\"errors\":[]}";
                    int status = requestLine.contains("/queries/run_by_names") ? 200 : 404;
                    byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                            + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.flush();
                }
            } catch (Exception e) {
                if (!server.isClosed()) {
                    requests.add("server failed: " + e);
                }
            }
        }
    }

    private void webSocket(DataInputStream in, OutputStream out, String key) throws Exception {
        String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socketMessages.add(readText(in));
        socketMessages.add(readText(in));
        for (String message : script) {
            frame(out, 0x1, message.getBytes(StandardCharsets.UTF_8));
        }
        if (closeAfterScript) {
            frame(out, 0x8, new byte[] {0x03, (byte) 0xe8});
        }
        out.flush();
        // Keep the socket open until the client closes it (it reads until it is done).
        while (in.read() >= 0) {
            // discard the client's close frame
        }
    }

    private static String readHead(DataInputStream in, Map<String, String> headers) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("client closed during the request head");
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
        for (String header : lines.subList(1, lines.size())) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        return lines.get(0);
    }

    private static String readText(DataInputStream in) throws IOException {
        in.readUnsignedByte();
        long length = in.readUnsignedByte() & 0x7f;
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

    @Override
    public void close() throws IOException {
        server.close();
    }
}
