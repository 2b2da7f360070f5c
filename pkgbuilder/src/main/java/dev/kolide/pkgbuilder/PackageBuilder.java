package dev.kolide.pkgbuilder;

import static java.util.Objects.requireNonNull;

import dev.kolide.pkgbuilder.format.PackageWriter;
import dev.kolide.pkgbuilder.format.msi.MsiWriter;
import dev.kolide.pkgbuilder.layout.Layout;
import dev.kolide.pkgbuilder.layout.PackageSpec;
import dev.kolide.pkgbuilder.target.PackageType;
import dev.kolide.pkgbuilder.target.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds every requested target. All targets are planned (and so checked) before any is written, each is written
 * to a hidden temporary file in the output directory, and only when all succeeded are they renamed into place:
 * a failure leaves no package, partial or complete, behind.
 */
public final class PackageBuilder {
    private final Layout layout;
    private final Map<PackageType, PackageWriter> writers;
    private final PrintWriter progress;
    private final java.time.Clock clock;

    public PackageBuilder(Layout layout, Map<PackageType, PackageWriter> writers, PrintWriter progress,
            java.time.Clock clock) {
        this.layout = requireNonNull(layout, "layout is null");
        this.writers = new EnumMap<>(writers);
        this.progress = requireNonNull(progress, "progress is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** One result: where the package went and how long it took to write. */
    public record Built(Target target, Path path, long bytes, long millis) {}

    /** Temporary files are created 0600; a package is a public artifact (0644 where POSIX permissions exist). */
    private static void setReadable(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    public List<Built> build(PackageOptions options, List<Target> targets, Path outputDir) throws IOException {
        requireNonNull(options, "options is null");
        requireNonNull(outputDir, "outputDir is null");
        List<PackageSpec> specs = new ArrayList<>();
        for (Target target : targets) {
            if (!writers.containsKey(target.packageType())) {
                throw new BadInputException("no writer for " + target.packageType().id() + " packages");
            }
            specs.add(layout.plan(options, target));
            if (writers.get(target.packageType()) instanceof MsiWriter msi) {
                msi.requireWixl(); // before anything is written
            }
        }
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new BadInputException("--output_dir " + outputDir + ": cannot create it: " + e, e);
        }
        List<Path> temps = new ArrayList<>();
        List<Built> built = new ArrayList<>();
        boolean done = false;
        try {
            for (PackageSpec spec : specs) {
                Target target = spec.target();
                Path temp = Files.createTempFile(outputDir, "." + target.fileName() + ".", ".tmp");
                temps.add(temp);
                long start = clock.millis();
                progress.println("package-builder: building " + target + " ...");
                progress.flush();
                try {
                    writers.get(target.packageType()).write(spec, temp);
                } catch (IOException | RuntimeException e) {
                    throw new IOException("building " + target + ": " + e.getMessage(), e);
                }
                long millis = clock.millis() - start;
                setReadable(temp);
                long bytes = Files.size(temp);
                progress.printf("package-builder: built %s in %d ms (%d bytes)%n", target, millis, bytes);
                progress.flush();
                built.add(new Built(target, outputDir.resolve(target.fileName()), bytes, millis));
            }
            for (int i = 0; i < built.size(); i++) {
                Files.move(temps.get(i), built.get(i).path(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            done = true;
            return built;
        } finally {
            if (!done) {
                for (Path temp : temps) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }
}
