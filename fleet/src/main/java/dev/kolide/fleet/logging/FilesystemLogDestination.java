package dev.kolide.fleet.logging;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends log lines to a file, one JSON document per line, as Kolide Fleet's filesystem logger did.
 *
 * <ul>
 *   <li>The file is created with mode 0600 if absent (results can hold anything a query selects); an existing
 *       file keeps its mode. Its directory must exist.
 *   <li>A batch is one {@code write} to a file opened for appending, under a lock: lines of concurrent batches
 *       never interleave. If the write fails part way, the file is cut back to where the batch began, so a
 *       retried batch does not follow half a line.
 *   <li>With a {@link LogRotation}, a batch that would take the file past {@code maxBytes} first moves the file
 *       to a timestamped backup and starts a new one (a batch is never split; one bigger than {@code maxBytes}
 *       gets a file of its own). Then old backups are pruned and, if asked, compressed. If rotating fails, lines
 *       keep going to the current file and rotation is tried again a minute later: a full log directory is better
 *       than refused logs.
 *   <li>{@link #reopen()} (on SIGHUP, see {@link LogDestinations#reopenOnHangup}) serves logrotate's
 *       move-then-signal rotation instead.
 * </ul>
 */
public final class FilesystemLogDestination implements LogDestination {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Duration ROTATION_RETRY = Duration.ofMinutes(1);

    private final Logger log = LoggerFactory.getLogger(FilesystemLogDestination.class);
    private final Path file;
    /** Null without rotation, as is the clock, which serves only rotation. */
    private final LogRotation rotation;
    private final Clock clock;
    private final Backups backups;
    // Guarded by this.
    private FileChannel channel;
    private boolean closed;
    private Instant nextRotationAttempt = Instant.MIN;

    private FilesystemLogDestination(Path file, LogRotation rotation, Clock clock) {
        this.file = file;
        this.rotation = rotation;
        this.clock = clock;
        this.backups = new Backups(file);
    }

    /**
     * Opens {@code file} for appending, without rotation of its own (rotate externally and {@link #reopen()}).
     *
     * @throws LogDestinationException naming the file if it cannot be opened (its directory missing, say)
     */
    public static FilesystemLogDestination open(Path file) {
        return openWith(file, null, null);
    }

    /**
     * Opens {@code file} for appending, rotating it by size.
     *
     * @param clock names rotated files and ages them
     * @throws LogDestinationException naming the file if it cannot be opened (its directory missing, say)
     */
    public static FilesystemLogDestination open(Path file, LogRotation rotation, Clock clock) {
        return openWith(file, requireNonNull(rotation, "rotation is null"), requireNonNull(clock, "clock is null"));
    }

    private static FilesystemLogDestination openWith(Path file, LogRotation rotation, Clock clock) {
        requireNonNull(file, "file is null");
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new LogDestinationException("opening log file " + absolute + ": directory " + dir
                    + " does not exist; create it or choose another file");
        }
        FilesystemLogDestination destination = new FilesystemLogDestination(absolute, rotation, clock);
        synchronized (destination) {
            destination.channel = destination.openChannel();
        }
        return destination;
    }

    /** The file lines are appended to. */
    public Path file() {
        return file;
    }

    /** How the file is rotated; empty when it is not rotated here. */
    public Optional<LogRotation> rotation() {
        return Optional.ofNullable(rotation);
    }

    @Override
    public synchronized void write(List<String> lines) {
        byte[] batch = LogLines.encode(lines);
        if (batch.length == 0) {
            return;
        }
        String action = "writing " + lines.size() + " log lines to " + file;
        if (closed) {
            throw new LogDestinationException(action + ": closed");
        }
        if (channel == null) {
            channel = openChannel(); // a reopen failed earlier; try again
        }
        long start;
        try {
            start = channel.size();
        } catch (IOException e) {
            throw new LogDestinationException(action, e);
        }
        if (start > 0 && rotation != null && start + batch.length > rotation.maxBytes()) {
            start = rotateOrCarryOn(start);
        }
        append(batch, start, action);
    }

    private void append(byte[] batch, long start, String action) {
        ByteBuffer buffer = ByteBuffer.wrap(batch);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            if (buffer.position() > 0) {
                cutBack(start);
            }
            throw new LogDestinationException(action, e);
        }
    }

    private void cutBack(long size) {
        try {
            channel.truncate(size);
        } catch (IOException e) {
            log.atWarn().addKeyValue("file", file).addKeyValue("err", e.toString())
                    .log("could not remove a partly written log batch; the file may hold half a line");
        }
    }

    /** Rotates, returning the new file's size (0); on failure keeps the current file and returns its size. */
    private long rotateOrCarryOn(long currentSize) {
        Instant now = clock.instant();
        if (now.isBefore(nextRotationAttempt)) {
            return currentSize;
        }
        Path backup = backups.newName(now);
        try {
            channel.close();
        } catch (IOException e) {
            log.atWarn().addKeyValue("file", file).addKeyValue("err", e.toString()).log("closing log file for rotation");
        }
        channel = null;
        try {
            Files.move(file, backup);
        } catch (IOException e) {
            nextRotationAttempt = now.plus(ROTATION_RETRY);
            log.atWarn().addKeyValue("file", file).addKeyValue("backup", backup).addKeyValue("err", e.toString())
                    .log("rotating log file failed; still appending to it, trying again in a minute");
            channel = openChannel();
            return sizeOrZero();
        }
        channel = openChannel();
        prune(now);
        return sizeOrZero();
    }

    private long sizeOrZero() {
        try {
            return channel.size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Deletes backups beyond the count and age limits, then compresses the rest if asked. Never throws. */
    private void prune(Instant now) {
        LogRotation policy = rotation;
        try {
            List<Backups.Backup> found = backups.list();
            Instant oldest = policy.maxAge().isZero() ? Instant.MIN : now.minus(policy.maxAge());
            for (int i = 0; i < found.size(); i++) {
                Backups.Backup backup = found.get(i);
                boolean tooMany = policy.maxBackups() > 0 && i >= policy.maxBackups();
                if (tooMany || backup.time().isBefore(oldest)) {
                    Files.deleteIfExists(backup.path());
                } else if (policy.compress() && !Backups.isCompressed(backup.path())) {
                    Backups.compress(backup.path());
                }
            }
        } catch (IOException e) {
            log.atWarn().addKeyValue("file", file).addKeyValue("err", e.toString())
                    .log("pruning or compressing rotated log files failed");
        }
    }

    @Override
    public synchronized void flush() {
        if (channel == null) {
            return;
        }
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new LogDestinationException("syncing log file " + file + " to disk", e);
        }
    }

    @Override
    public synchronized void reopen() {
        if (closed) {
            return;
        }
        closeChannel();
        channel = openChannel();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeChannel();
    }

    private void closeChannel() {
        if (channel == null) {
            return;
        }
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            log.atWarn().addKeyValue("file", file).addKeyValue("err", e.toString()).log("closing log file");
        } finally {
            channel = null;
        }
    }

    private FileChannel openChannel() {
        Set<StandardOpenOption> options =
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
                return FileChannel.open(file, options, mode);
            }
            return FileChannel.open(file, options);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new LogDestinationException("opening log file " + file + ": " + e, e);
        }
    }
}
