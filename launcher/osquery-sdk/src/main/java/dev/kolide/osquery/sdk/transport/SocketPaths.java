package dev.kolide.osquery.sdk.transport;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Facts about osquery's socket paths, in one place. */
public final class SocketPaths {
    /**
     * osquery-go's limit: a Unix socket path holds at most 103 bytes on macOS (107 on Linux), and an extension
     * serves on {@code <socket>.<uuid>}, up to six more characters.
     */
    public static final int MAX_LENGTH = 97;

    /** How often a client looks for a socket file that is not there yet (osquery-go: 200 ms). */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private SocketPaths() {}

    /** @throws IllegalArgumentException when {@code socket} is longer than {@link #MAX_LENGTH} characters */
    public static Path checkLength(Path socket) {
        requireNonNull(socket, "socket is null");
        int length = socket.toString().length();
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("socket path " + socket + " is " + length
                    + " characters long; osquery allows at most " + MAX_LENGTH);
        }
        return socket;
    }

    /** Where an extension with {@code uuid} serves: {@code <socket>.<uuid>}. */
    public static Path extensionSocket(Path managerSocket, long uuid) {
        return managerSocket.resolveSibling(managerSocket.getFileName() + "." + uuid);
    }

    /**
     * Waits until {@code socket} exists, looking every {@link #POLL_INTERVAL}, for at most {@code timeout}.
     *
     * @throws IOException naming the socket when it did not appear in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public static void awaitExists(Path socket, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(socket)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("socket " + socket + " did not appear within " + timeout.toMillis() + " ms");
            }
            Thread.sleep(Math.min(POLL_INTERVAL.toMillis(), Math.max(1, left / 1_000_000)));
        }
    }
}
