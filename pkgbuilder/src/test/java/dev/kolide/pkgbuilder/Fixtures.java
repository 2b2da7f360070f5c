package dev.kolide.pkgbuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Small stand-ins for osqueryd, the launcher and a CA file: the packages' contents are what the tests check. */
public final class Fixtures {
    public static final Instant EPOCH = Instant.ofEpochSecond(1700000000);
    public static final String OSQUERYD = "#!/bin/sh\necho 'osqueryd stand-in'\n";
    public static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

    private final Path dir;

    public Fixtures(Path dir) {
        this.dir = dir;
    }

    public Path osqueryd() throws IOException {
        return write("osqueryd", OSQUERYD.getBytes(StandardCharsets.UTF_8));
    }

    public Path rootPem() throws IOException {
        return write("roots.pem", PEM.getBytes(StandardCharsets.UTF_8));
    }

    public Path launcherExe() throws IOException {
        return write("launcher.exe", "MZ stand-in for a Windows launcher".getBytes(StandardCharsets.US_ASCII));
    }

    /** A runnable-looking jar, fixed bytes (fixed entry times) so packages built from it compare equal. */
    public Path launcherJar() throws IOException {
        Path jar = dir.resolve("launcher.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Main-Class", "dev.kolide.cmd.launcher.LauncherMain");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            JarEntry entry = new JarEntry("META-INF/kolide/build-info.properties");
            entry.setTime(EPOCH.toEpochMilli());
            out.putNextEntry(entry);
            out.write("program=launcher\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** Options as the CLI would build them, for {@code targets} built with a jar launcher (or exe for MSI). */
    public PackageOptions options(boolean windows) throws IOException {
        return new PackageOptions("fleet.example.com:8080", "s3cret", false, "kolide-k2", false, false, "grpc",
                "0a1b2c", Optional.of(rootPem()), List.of("config_refresh=60", "verbose"), osqueryd(),
                windows ? launcherExe() : launcherJar(), "1.2.3", "/usr/local", EPOCH);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path path = dir.resolve(name);
        Files.write(path, bytes);
        return path;
    }
}
