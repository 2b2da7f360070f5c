package dev.kolide.pkgbuilder.osquery;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Takes the osqueryd binary out of a downloaded {@code .tar.gz}. Only that one file is written, but the archive is
 * checked with launcher's autoupdate rules all the same (absolute names, {@code ..}, links, devices, too many
 * entries, too many bytes are refused): a verified archive can still be a badly built one, and a link named
 * osqueryd would put whatever it points to into the package.
 */
public final class OsquerydArchive {
    private final int maxEntries;
    private final long maxBytes;

    /** Limits: at most {@code maxEntries} entries, and a binary of at most {@code maxBytes}. */
    public OsquerydArchive(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** 1,000 entries, 1 GiB: osqueryd is about 50 MB. */
    public static OsquerydArchive withDefaultLimits() {
        return new OsquerydArchive(1000, 1L << 30);
    }

    /**
     * Writes the entry {@code binary} (or {@code ./binary}) of {@code archive} to {@code destination}, through a
     * temporary file next to it, so {@code destination} is either complete or absent.
     *
     * @throws ArchiveRefusedException when the archive breaks a rule or holds no (or two) {@code binary}
     */
    public void extract(Path archive, String binary, Path destination) {
        Path temp = null;
        try {
            Files.createDirectories(destination.toAbsolutePath().getParent());
            temp = Files.createTempFile(destination.toAbsolutePath().getParent(), "." + binary + ".", ".part");
            boolean found = copyBinary(archive, binary, temp);
            if (!found) {
                throw new ArchiveRefusedException(archive.getFileName() + " holds no " + binary + " at its top level");
            }
            Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (IOException e) {
            throw new ArchiveRefusedException("unpacking " + binary + " from " + archive + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private boolean copyBinary(Path archive, String binary, Path temp) throws IOException {
        boolean found = false;
        int entries = 0;
        try (InputStream file = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(
                     new GzipCompressorInputStream(new BufferedInputStream(file)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (++entries > maxEntries) {
                    throw new ArchiveRefusedException(archive.getFileName() + " has more than " + maxEntries
                            + " entries");
                }
                String name = checkName(entry.getName());
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new ArchiveRefusedException(archive.getFileName() + ": entry " + name + " is a link (to "
                            + entry.getLinkName() + "); links are not unpacked");
                }
                if (!entry.isFile() && !entry.isDirectory()) {
                    throw new ArchiveRefusedException(archive.getFileName() + ": entry " + name
                            + " is neither a file nor a directory");
                }
                if (entry.isFile() && (name.equals(binary) || name.equals("./" + binary))) {
                    if (found) {
                        throw new ArchiveRefusedException(archive.getFileName() + " has " + binary + " twice");
                    }
                    copy(tar, temp, binary);
                    found = true;
                }
            }
        }
        return found;
    }

    private static String checkName(String name) {
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw new ArchiveRefusedException("archive entry " + name + " has an absolute path");
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw new ArchiveRefusedException("archive entry " + name + " contains '..'");
            }
        }
        return name;
    }

    /** Copies the entry, failing past {@link #maxBytes}: sizes in headers can lie. */
    private void copy(InputStream in, Path temp, String binary) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        try (OutputStream out = Files.newOutputStream(temp)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                copied += n;
                if (copied > maxBytes) {
                    throw new ArchiveRefusedException(binary + " in the archive is larger than " + maxBytes
                            + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // the failure that brought us here is the one to report
        }
    }
}
