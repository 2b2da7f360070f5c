package dev.kolide.pkgbuilder.osquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsquerydArchiveTest {
    private static final byte[] BINARY = "#!/bin/sh\necho osqueryd\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    /** An entry: a file with content, or a link when {@code link} is set. */
    private record Item(String name, byte[] content, String link, byte type) {
        static Item file(String name, byte[] content) {
            return new Item(name, content, null, TarArchiveEntry.LF_NORMAL);
        }
    }

    private Path archive(Item... items) throws IOException {
        Path file = Files.createTempFile(dir, "osqueryd", ".tar.gz");
        try (OutputStream out = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (Item item : items) {
                TarArchiveEntry entry = item.link() == null ? new TarArchiveEntry(item.name(), true)
                        : new TarArchiveEntry(item.name(), item.type());
                if (item.link() != null) {
                    entry.setLinkName(item.link());
                } else {
                    entry.setSize(item.content().length);
                    entry.setMode(0755);
                }
                tar.putArchiveEntry(entry);
                if (item.link() == null) {
                    tar.write(item.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    private Path extract(OsquerydArchive archive, Path file, String binary) {
        Path out = dir.resolve("out").resolve(binary);
        archive.extract(file, binary, out);
        return out;
    }

    @Test
    void takesTheBinaryFromTheTopLevel() throws IOException {
        Path file = archive(Item.file("README", new byte[] {1}), Item.file("./osqueryd", BINARY));
        assertThat(extract(OsquerydArchive.withDefaultLimits(), file, "osqueryd")).hasBinaryContent(BINARY);
        Path exe = archive(Item.file("osqueryd.exe", BINARY));
        assertThat(extract(OsquerydArchive.withDefaultLimits(), exe, "osqueryd.exe")).hasBinaryContent(BINARY);
    }

    @Test
    void refusesWhatLaunchersAutoupdateRefuses() throws IOException {
        OsquerydArchive limits = OsquerydArchive.withDefaultLimits();
        refused(limits, archive(Item.file("bin/osqueryd", BINARY)), "holds no osqueryd");
        refused(limits, archive(Item.file("../osqueryd", BINARY)), "contains '..'");
        refused(limits, archive(Item.file("/osqueryd", BINARY)), "absolute path");
        refused(limits, archive(new Item("osqueryd", null, "/etc/shadow", TarArchiveEntry.LF_SYMLINK)), "is a link");
        refused(limits, archive(Item.file("x", BINARY), new Item("osqueryd", null, "x", TarArchiveEntry.LF_LINK)),
                "is a link");
        refused(limits, archive(Item.file("osqueryd", BINARY), Item.file("./osqueryd", BINARY)), "twice");
        refused(new OsquerydArchive(2, 1 << 20), archive(Item.file("a", BINARY), Item.file("b", BINARY),
                Item.file("osqueryd", BINARY)), "more than 2 entries");
        refused(new OsquerydArchive(10, 4), archive(Item.file("osqueryd", BINARY)), "larger than 4 bytes");
    }

    private void refused(OsquerydArchive archive, Path file, String message) throws IOException {
        assertThatThrownBy(() -> extract(archive, file, "osqueryd"))
                .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining(message);
        Path out = dir.resolve("out");
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files).as("nothing left behind").isEmpty();
            }
        }
    }
}
