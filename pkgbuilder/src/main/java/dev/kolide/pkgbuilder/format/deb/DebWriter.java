package dev.kolide.pkgbuilder.format.deb;

import dev.kolide.pkgbuilder.format.PackageWriter;
import dev.kolide.pkgbuilder.format.tar.TarEntries;
import dev.kolide.pkgbuilder.layout.Content;
import dev.kolide.pkgbuilder.layout.Entry;
import dev.kolide.pkgbuilder.layout.PackageSpec;
import dev.kolide.pkgbuilder.layout.PackageTree;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * A .deb written directly: an ar archive of {@code debian-binary}, {@code control.tar.gz} (control, md5sums,
 * conffiles, postinst, prerm) and {@code data.tar.gz}. Fixed order, owners, mtimes and gzip headers make the
 * same inputs give the same bytes.
 */
public final class DebWriter implements PackageWriter {
    @Override
    public void write(PackageSpec spec, Path out) throws IOException {
        PackageTree tree = spec.tree().withParents();
        Instant mtime = spec.mtime();
        Path data = Files.createTempFile(out.toAbsolutePath().getParent(), ".data", ".tar.gz");
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(data));
                    TarArchiveOutputStream tar = TarEntries.open(gzip(file))) {
                TarEntries.directory(tar, "./", 0755, mtime);
                for (Entry entry : tree.entries()) {
                    TarEntries.write(tar, entry, mtime);
                }
                tar.finish();
            }
            byte[] control = control(spec, tree, mtime);
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out));
                    ArArchiveOutputStream ar = new ArArchiveOutputStream(file)) {
                member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII), mtime);
                member(ar, "control.tar.gz", control, mtime);
                ArArchiveEntry entry = new ArArchiveEntry("data.tar.gz", Files.size(data), 0, 0, 0100644,
                        mtime.getEpochSecond());
                ar.putArchiveEntry(entry);
                Files.copy(data, ar);
                ar.closeArchiveEntry();
                ar.finish();
            }
        } finally {
            Files.deleteIfExists(data);
        }
    }

    private static byte[] control(PackageSpec spec, PackageTree tree, Instant mtime) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = TarEntries.open(gzip(bytes))) {
            TarEntries.directory(tar, "./", 0755, mtime);
            StringBuilder conffiles = new StringBuilder();
            for (Entry entry : tree.conffiles()) {
                conffiles.append(entry.path()).append('\n');
            }
            String control = DebControl.render(spec, tree.installedBytes());
            TarEntries.file(tar, "./conffiles", 0644, Content.of(conffiles.toString()), mtime);
            TarEntries.file(tar, "./control", 0644, Content.of(control), mtime);
            TarEntries.file(tar, "./md5sums", 0644, Content.of(md5sums(tree)), mtime);
            if (spec.scripts().postinstall().isPresent()) {
                TarEntries.file(tar, "./postinst", 0755, Content.of(spec.scripts().postinstall().get()), mtime);
            }
            if (spec.scripts().postrm().isPresent()) {
                TarEntries.file(tar, "./postrm", 0755, Content.of(spec.scripts().postrm().get()), mtime);
            }
            if (spec.scripts().prerm().isPresent()) {
                TarEntries.file(tar, "./prerm", 0755, Content.of(spec.scripts().prerm().get()), mtime);
            }
            tar.finish();
        }
        return bytes.toByteArray();
    }

    /** md5sums of the files that are not conffiles (dpkg tracks conffiles' sums itself), paths without "/". */
    private static String md5sums(PackageTree tree) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Entry entry : tree.files()) {
            if (entry.conffile()) {
                continue;
            }
            out.append(md5(entry.content())).append("  ").append(entry.path().substring(1)).append('\n');
        }
        return out.toString();
    }

    private static String md5(Content content) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has MD5", e);
        }
        try (InputStream in = content.open()) {
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                md5.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static void member(ArArchiveOutputStream ar, String name, byte[] data, Instant mtime) throws IOException {
        ar.putArchiveEntry(new ArArchiveEntry(name, data.length, 0, 0, 0100644, mtime.getEpochSecond()));
        ar.write(data);
        ar.closeArchiveEntry();
    }

    /** gzip with a zero header timestamp and no file name: the same bytes in, the same bytes out. */
    private static OutputStream gzip(OutputStream out) throws IOException {
        GzipParameters parameters = new GzipParameters();
        parameters.setCompressionLevel(9);
        parameters.setModificationTime(0);
        return new GzipCompressorOutputStream(out, parameters);
    }
}
