package dev.kolide.launcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleFilesTest {
    @TempDir
    Path dir;

    @Test
    void removesSocketsNobodyListensOnAndAPidfileOfADeadProcess() throws Exception {
        Path socket = dir.resolve("osquery.sock");
        Path extensionSocket = dir.resolve("osquery.sock.12345");
        Path pidfile = dir.resolve("osquery.pid");
        deadSocket(socket);
        deadSocket(extensionSocket);
        Files.writeString(pidfile, deadPid() + "\n", StandardCharsets.UTF_8);
        Path unrelated = Files.writeString(dir.resolve("osquery.sock.backup"), "keep");

        assertThat(new StaleFiles().clean(socket, pidfile)).isEqualTo(3);

        assertThat(socket).doesNotExist();
        assertThat(extensionSocket).doesNotExist();
        assertThat(pidfile).doesNotExist();
        assertThat(unrelated).exists();
    }

    @Test
    void keepsASocketSomethingListensOnAndAPidfileOfALiveProcess() throws Exception {
        Path socket = dir.resolve("osquery.sock");
        Path pidfile = dir.resolve("osquery.pid");
        Files.writeString(pidfile, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));

            assertThat(new StaleFiles().clean(socket, pidfile)).isZero();

            assertThat(socket).exists();
            assertThat(pidfile).exists();
        }
    }

    @Test
    void stopsAnOsquerydOrphanedWithThisPidfileButNotOtherLiveProcesses() throws Exception {
        Path pidfile = dir.resolve("osquery.pid");
        Process orphan = new ProcessBuilder("/bin/sh", "-c", "sleep 300", "osqueryd",
                "--pidfile=" + pidfile.toAbsolutePath()).start();
        Process stranger = new ProcessBuilder("/bin/sh", "-c", "sleep 300", "osqueryd",
                "--pidfile=/elsewhere/osquery.pid").start();
        try {
            Files.writeString(pidfile, orphan.pid() + "\n", StandardCharsets.UTF_8);
            new StaleFiles().clean(dir.resolve("osquery.sock"), pidfile);
            assertThat(orphan.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(pidfile).doesNotExist();

            Files.writeString(pidfile, stranger.pid() + "\n", StandardCharsets.UTF_8);
            new StaleFiles().clean(dir.resolve("osquery.sock"), pidfile);
            assertThat(stranger.isAlive()).isTrue();
            assertThat(pidfile).exists();
        } finally {
            orphan.destroyForcibly();
            stranger.destroyForcibly();
        }
    }

    @Test
    void removesAPidfileThatHoldsNoPid() throws Exception {
        Path pidfile = Files.writeString(dir.resolve("osquery.pid"), "garbage");

        assertThat(new StaleFiles().clean(dir.resolve("osquery.sock"), pidfile)).isEqualTo(1);
        assertThat(pidfile).doesNotExist();
    }

    /** A socket file left by a server that is gone: Java does not remove it on close. */
    static void deadSocket(Path path) throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
        }
    }

    /** The pid of a process that has exited (pids are not reused this quickly). */
    static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
