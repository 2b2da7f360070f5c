package dev.kolide.pkgbuilder.format.tar;

import dev.kolide.pkgbuilder.layout.Content;
import dev.kolide.pkgbuilder.layout.Entry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes package entries into a tar stream the reproducible way: names {@code ./path}, root:root (uid/gid 0),
 * one fixed mtime, entries in the caller's (sorted) order. Shared by the tar target and the deb's inner tars.
 */
public final class TarEntries {
    private TarEntries() {}

    public static TarArchiveOutputStream open(java.io.OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    public static void directory(TarArchiveOutputStream tar, String name, int mode, Instant mtime)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        fill(entry, mode, mtime);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    public static void file(TarArchiveOutputStream tar, String name, int mode, Content content, Instant mtime)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        fill(entry, mode, mtime);
        entry.setSize(content.size());
        tar.putArchiveEntry(entry);
        try (InputStream in = content.open()) {
            long copied = in.transferTo(tar);
            if (copied != entry.getSize()) {
                throw new IOException(name + ": changed while being packaged (" + copied + " bytes, expected "
                        + entry.getSize() + ")");
            }
        }
        tar.closeArchiveEntry();
    }

    /** Writes {@code entry} of a package tree under {@code ./}. */
    public static void write(TarArchiveOutputStream tar, Entry entry, Instant mtime) throws IOException {
        String name = "." + entry.path();
        if (entry.isDirectory()) {
            directory(tar, name, entry.mode(), mtime);
        } else {
            file(tar, name, entry.mode(), entry.content(), mtime);
        }
    }

    private static void fill(TarArchiveEntry entry, int mode, Instant mtime) {
        entry.setMode((entry.isDirectory() ? 040000 : 0100000) | mode);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName(Entry.OWNER);
        entry.setGroupName(Entry.GROUP);
        entry.setModTime(Date.from(mtime));
    }
}
