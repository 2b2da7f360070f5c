package dev.kolide.pkgbuilder.format.msi;

import dev.kolide.pkgbuilder.format.PackageWriter;
import dev.kolide.pkgbuilder.layout.Content;
import dev.kolide.pkgbuilder.layout.Entry;
import dev.kolide.pkgbuilder.layout.PackageSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An .msi through Debian's {@code wixl} (msitools), as Kolide drives WiX: the WXS from {@link Wxs}, the files
 * staged in a temporary directory, {@code wixl -a x64 -o out.msi launcher.wxs}. No pure-Java MSI writer exists.
 */
public final class MsiWriter implements PackageWriter {
    private final Map<String, String> env;

    /** @param env the process environment, for {@code PATH} */
    public MsiWriter(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The wixl on {@code PATH}, or a {@link MissingToolException} naming it. */
    public Path requireWixl() {
        return findOnPath("wixl").orElseThrow(() -> new MissingToolException(
                "windows-service-msi needs wixl on PATH (Debian/Ubuntu: apt-get install wixl msitools); not found in "
                        + env.getOrDefault("PATH", "")));
    }

    private Optional<Path> findOnPath(String program) {
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public void write(PackageSpec spec, Path out) throws IOException {
        Path wixl = requireWixl();
        Path stage = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".msi");
        try {
            // wixl resolves Source relative to the .wxs and refuses absolute paths: stage every file next to it
            Map<Entry, Path> sources = new HashMap<>();
            int n = 0;
            for (Entry entry : spec.tree().files()) {
                Path staged = Path.of("file" + n++);
                if (entry.content() instanceof Content.LocalFile local) {
                    Files.createSymbolicLink(stage.resolve(staged), local.path().toAbsolutePath().normalize());
                } else {
                    try (InputStream in = entry.content().open()) {
                        Files.copy(in, stage.resolve(staged));
                    }
                }
                sources.put(entry, staged);
            }
            Path wxs = stage.resolve("launcher.wxs");
            Files.writeString(wxs, Wxs.render(spec, sources::get), StandardCharsets.UTF_8);
            Path msi = stage.resolve("launcher.msi");
            run(List.of(wixl.toString(), "-a", "x64", "-o", msi.getFileName().toString(), wxs.getFileName().toString()), stage);
            Files.move(msi, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (var paths = Files.walk(stage)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static void run(List<String> command, Path dir) throws IOException {
        Path log = dir.resolve("wixl.log");
        Process process = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("wixl did not finish in 5 minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running wixl", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("wixl exited " + process.exitValue() + ": "
                    + Files.readString(log, StandardCharsets.UTF_8).strip());
        }
    }
}
