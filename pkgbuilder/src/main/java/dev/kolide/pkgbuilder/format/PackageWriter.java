package dev.kolide.pkgbuilder.format;

import dev.kolide.pkgbuilder.layout.PackageSpec;
import java.io.IOException;
import java.nio.file.Path;

/** Writes one package file. Callers hand a temporary path and move it into place once this returns. */
public interface PackageWriter {
    void write(PackageSpec spec, Path out) throws IOException;
}
