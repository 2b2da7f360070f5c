package dev.kolide.launcher.autoupdate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds the tar.gz update archives of the tests, hostile ones included. */
final class Archives {
    private final List<Entry> entries = new ArrayList<>();

    private record Entry(String name, byte[] content, int mode, byte type, String linkName, long size) {}

    static Archives tar() {
        return new Archives();
    }

    Archives file(String name, String content, int mode) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        entries.add(new Entry(name, bytes, mode, TarConstants.LF_NORMAL, null, bytes.length));
        return this;
    }

    /** A file of {@code size} zero bytes: compresses to almost nothing, as a gzip bomb does. */
    Archives zeros(String name, long size) {
        entries.add(new Entry(name, null, 0644, TarConstants.LF_NORMAL, null, size));
        return this;
    }

    Archives dir(String name) {
        entries.add(new Entry(name.endsWith("/") ? name : name + "/", new byte[0], 0755, TarConstants.LF_DIR, null, 0));
        return this;
    }

    Archives symlink(String name, String target) {
        entries.add(new Entry(name, new byte[0], 0777, TarConstants.LF_SYMLINK, target, 0));
        return this;
    }

    /** A script as the binary: {@code #!/bin/sh} and {@code body}, executable. */
    Archives script(String name, String body) {
        return file(name, "#!/bin/sh\n" + body, 0755);
    }

    Path writeTo(Path archive) throws IOException {
        Files.createDirectories(archive.getParent());
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.type(), true);
                entry.setMode(e.mode());
                if (e.linkName() != null) {
                    entry.setLinkName(e.linkName());
                }
                entry.setSize(e.type() == TarConstants.LF_NORMAL ? e.size() : 0);
                tar.putArchiveEntry(entry);
                if (e.content() != null) {
                    tar.write(e.content());
                } else {
                    byte[] zeros = new byte[64 * 1024];
                    for (long left = e.size(); left > 0; left -= zeros.length) {
                        tar.write(zeros, 0, (int) Math.min(left, zeros.length));
                    }
                }
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }
}
