package dev.kolide.pkgbuilder.format.tar;

import dev.kolide.pkgbuilder.format.PackageWriter;
import dev.kolide.pkgbuilder.layout.Entry;
import dev.kolide.pkgbuilder.layout.PackageSpec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The tar target: the package tree with its parent directories, uncompressed (Kolide names it
 * {@code launcher.<target>.tar}). It carries no scripts; whoever unpacks it enables the service.
 */
public final class TarWriter implements PackageWriter {
    @Override
    public void write(PackageSpec spec, Path out) throws IOException {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out));
                TarArchiveOutputStream tar = TarEntries.open(file)) {
            TarEntries.directory(tar, "./", 0755, spec.mtime());
            for (Entry entry : spec.tree().withParents().entries()) {
                TarEntries.write(tar, entry, spec.mtime());
            }
            tar.finish();
        }
    }
}
