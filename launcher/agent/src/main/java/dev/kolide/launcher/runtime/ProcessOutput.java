package dev.kolide.launcher.runtime;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one of osqueryd's output streams goes: the launcher's log (the default; stderr at info, stdout at debug), a file it appends to,
 * a stream of the caller's, the launcher's own stdout/stderr, or nowhere.
 */
public final class ProcessOutput {
    private enum Kind { LOG, FILE, STREAM, INHERIT, DISCARD }

    private final Kind kind;
    private final Path file;
    private final OutputStream stream;

    private ProcessOutput(Kind kind, Path file, OutputStream stream) {
        this.kind = kind;
        this.file = file;
        this.stream = stream;
    }

    /** Each line to the launcher's log (stderr at info, stdout at debug), with the stream and pid as keys. */
    public static ProcessOutput toLog() {
        return new ProcessOutput(Kind.LOG, null, null);
    }

    /** Appended to {@code file} by the OS: no copying thread, and it survives the launcher. */
    public static ProcessOutput toFile(Path file) {
        return new ProcessOutput(Kind.FILE, requireNonNull(file, "file is null"), null);
    }

    /** Copied to {@code out}, which stays open (it is the caller's). */
    public static ProcessOutput toStream(OutputStream out) {
        return new ProcessOutput(Kind.STREAM, null, requireNonNull(out, "out is null"));
    }

    /** The launcher's own stdout or stderr. */
    public static ProcessOutput inherit() {
        return new ProcessOutput(Kind.INHERIT, null, null);
    }

    public static ProcessOutput discard() {
        return new ProcessOutput(Kind.DISCARD, null, null);
    }

    ProcessBuilder.Redirect redirect() {
        return switch (kind) {
            case LOG, STREAM -> ProcessBuilder.Redirect.PIPE;
            case FILE -> ProcessBuilder.Redirect.appendTo(file.toFile());
            case INHERIT -> ProcessBuilder.Redirect.INHERIT;
            case DISCARD -> ProcessBuilder.Redirect.DISCARD;
        };
    }

    /**
     * Starts copying {@code from} (the child's pipe) when this output needs a copying thread. The thread is a daemon
     * and ends at end of stream, when osqueryd and every process that inherited the pipe have exited.
     */
    void drain(InputStream from, String streamName, long pid) {
        if (kind != Kind.LOG && kind != Kind.STREAM) {
            return;
        }
        Runnable copy = kind == Kind.LOG ? () -> logLines(from, streamName, pid) : () -> copyBytes(from);
        Thread thread = new Thread(copy, "osqueryd-" + pid + "-" + streamName);
        thread.setDaemon(true);
        thread.start();
    }

    private static void logLines(InputStream from, String streamName, long pid) {
        Logger log = LoggerFactory.getLogger("dev.kolide.launcher.runtime.osqueryd");
        boolean stderr = "stderr".equals(streamName);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                // osqueryd writes only warnings and errors to stderr (glog's threshold): worth seeing by default.
                (stderr ? log.atInfo() : log.atDebug()).addKeyValue("stream", streamName).addKeyValue("pid", pid)
                        .log(line);
            }
        } catch (IOException e) {
            log.atDebug().addKeyValue("stream", streamName).addKeyValue("pid", pid)
                    .log("reading osqueryd output ended: {}", e.toString());
        }
    }

    private void copyBytes(InputStream from) {
        byte[] buffer = new byte[8192];
        try (from) {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                synchronized (stream) { // stdout and stderr may share one stream
                    stream.write(buffer, 0, n);
                    stream.flush();
                }
            }
        } catch (IOException e) {
            // the child's pipe closed, or the caller's stream failed: nothing more to copy either way
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FILE -> "file " + file;
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }
}
