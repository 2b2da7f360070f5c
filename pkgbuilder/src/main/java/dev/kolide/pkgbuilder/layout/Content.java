package dev.kolide.pkgbuilder.layout;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bytes of a file in a package: rendered text, or a local file streamed when the package is written. */
public sealed interface Content permits Content.Bytes, Content.LocalFile, Content.Prefixed {
    long size() throws IOException;

    InputStream open() throws IOException;

    static Content of(String text) {
        return new Bytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Content held in memory (flags, scripts, units). */
    record Bytes(byte[] data) implements Content {
        public Bytes {
            data = requireNonNull(data, "data is null").clone();
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(data);
        }
    }

    /** A file on this machine (osqueryd, the launcher), read when the package is written. */
    record LocalFile(Path path) implements Content {
        public LocalFile {
            requireNonNull(path, "path is null");
        }

        @Override
        public long size() throws IOException {
            return Files.size(path);
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }
    }

    /** A local file behind a few bytes: a launcher jar made a single-file program by a shell stub in front. */
    record Prefixed(byte[] prefix, Path path) implements Content {
        public Prefixed {
            prefix = requireNonNull(prefix, "prefix is null").clone();
            requireNonNull(path, "path is null");
        }

        @Override
        public long size() throws IOException {
            return prefix.length + Files.size(path);
        }

        @Override
        public InputStream open() throws IOException {
            return new java.io.SequenceInputStream(new ByteArrayInputStream(prefix), Files.newInputStream(path));
        }
    }
}
