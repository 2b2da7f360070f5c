package dev.kolide.launcher.autoupdate;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a {@code .tar.gz} into an empty directory, refusing what could write outside it or fill the disk:
 * absolute names, {@code ..}, links that point outside, devices and FIFOs, duplicate entries (which could
 * overwrite through a link), and more than the {@link ArchiveLimits}. A refusal leaves a partly filled directory
 * that the caller deletes.
 */
final class TarGzExtractor {
    private final ArchiveLimits limits;

    TarGzExtractor(ArchiveLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    void extract(Path archive, Path destination) throws UpdateRefusedException {
        Path root = destination.toAbsolutePath().normalize();
        long written = 0;
        int entries = 0;
        try (InputStream file = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(
                     new GzipCompressorInputStream(new BufferedInputStream(file)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw new UpdateRefusedException("archive has more than " + limits.maxEntries() + " entries");
                }
                Path target = inside(root, entry.getName(), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    symlink(root, entry, target);
                } else if (entry.isLink()) {
                    Path existing = inside(root, entry.getLinkName(), entry.getName() + " -> " + entry.getLinkName());
                    Files.createDirectories(target.getParent());
                    Files.createLink(target, existing);
                } else if (entry.isFile()) {
                    long left = limits.maxTotalBytes() - written;
                    if (entry.getSize() > left) {
                        throw tooLarge();
                    }
                    Files.createDirectories(target.getParent());
                    written += copy(tar, target, left);
                    executableIf(target, (entry.getMode() & 0100) != 0);
                } else {
                    throw new UpdateRefusedException("archive entry " + entry.getName()
                            + " is neither a file, a directory nor a link");
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw new UpdateRefusedException("archive has entry " + root.relativize(Path.of(e.getFile()))
                    + " twice", e);
        } catch (IOException e) {
            throw new UpdateRefusedException("unpacking " + archive.getFileName() + ": " + e.getMessage(), e);
        }
        if (entries == 0) {
            throw new UpdateRefusedException("archive " + archive.getFileName() + " is empty");
        }
    }

    /**
     * {@code name} resolved under {@code root}, refused when absolute, when it leaves {@code root}, or when it goes
     * through a link the archive made (writing through a link could land anywhere).
     */
    private static Path inside(Path root, String name, String what) throws UpdateRefusedException, IOException {
        if (isAbsolute(name)) {
            throw new UpdateRefusedException("archive entry " + what + " has an absolute path");
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw new UpdateRefusedException("archive entry " + what + " contains '..'");
            }
        }
        Path resolved = root.resolve(name).normalize();
        if (!resolved.startsWith(root)) {
            throw new UpdateRefusedException("archive entry " + what + " is outside the archive");
        }
        for (Path dir = resolved.getParent(); dir != null && dir.startsWith(root) && !dir.equals(root);
                dir = dir.getParent()) {
            if (Files.isSymbolicLink(dir)) {
                throw new UpdateRefusedException("archive entry " + what + " goes through the link "
                        + root.relativize(dir));
            }
        }
        return resolved;
    }

    private static boolean isAbsolute(String name) {
        return name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*");
    }

    /**
     * A link whose target, followed step by step from the link's directory, stays inside {@code root} and goes
     * through no other link (whose own target would make a lexical check meaningless).
     */
    private static void symlink(Path root, TarArchiveEntry entry, Path link) throws IOException, UpdateRefusedException {
        String target = entry.getLinkName();
        String what = "archive link " + entry.getName() + " -> " + target;
        if (target.isEmpty() || isAbsolute(target)) {
            throw new UpdateRefusedException(what + " points outside the archive");
        }
        String[] parts = target.split("[/\\\\]");
        Path current = link.getParent();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            current = part.equals("..") ? current.getParent() : current.resolve(part);
            if (current == null || !current.startsWith(root)) {
                throw new UpdateRefusedException(what + " points outside the archive");
            }
            if (i < parts.length - 1 && Files.isSymbolicLink(current)) {
                throw new UpdateRefusedException(what + " goes through another link");
            }
        }
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of(target));
    }

    /** Copies the entry, failing once more than {@code left} bytes came: sizes in headers can lie. */
    private long copy(InputStream in, Path target, long left) throws IOException, UpdateRefusedException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                copied += n;
                if (copied > left) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        }
        return copied;
    }

    private UpdateRefusedException tooLarge() {
        return new UpdateRefusedException("archive unpacks to more than " + limits.maxTotalBytes() + " bytes");
    }

    /** Owner-writable, world-readable, executable when the archive says so; never setuid. */
    private static void executableIf(Path file, boolean executable) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }

    /** Whether {@code path} is a plain file, not a link to one. */
    static boolean isPlainFile(Path path) {
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
    }
}
