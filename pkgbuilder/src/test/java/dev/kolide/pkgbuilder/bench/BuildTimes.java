package dev.kolide.pkgbuilder.bench;

import dev.kolide.pkgbuilder.PackageBuilder;
import dev.kolide.pkgbuilder.PackageOptions;
import dev.kolide.pkgbuilder.format.Built;
import dev.kolide.pkgbuilder.target.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A small benchmark driver (no JMH): builds each target N times in one JVM after warm-up and prints the median,
 * then times {@code dpkg-deb --build} on the same tree. Not a test: run it by hand (docs/benchmarks.md says how).
 *
 * <p>Arguments: launcher jar, output directory, [iterations].
 */
public final class BuildTimes {
    private BuildTimes() {}

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path osqueryd = work.resolve("osqueryd");
        // a stand-in the size of osqueryd 5.x (about 32 MB stripped), incompressible: gzip's worst case
        byte[] block = new byte[1 << 20];
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(osqueryd)) {
            for (int i = 0; i < 32; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        Path pem = Files.writeString(work.resolve("roots.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        PackageOptions options = new PackageOptions("fleet.example.com:8080", "s3cret", false, "launcher", false,
                false, "", "", Optional.of(pem), List.of(), osqueryd, launcher, "1.2.3", "/usr/local",
                Instant.ofEpochSecond(1700000000));
        System.out.printf("inputs: launcher %s (%d bytes), osqueryd stand-in %d bytes%n", launcher,
                Files.size(launcher), Files.size(osqueryd));
        for (String name : List.of("linux-systemd-deb", "linux-systemd-rpm", "linux-init-deb", "linux-init-rpm",
                "linux-systemd-tar")) {
            Target target = Target.parse(name);
            PackageBuilder builder = Built.builder(new StringWriter());
            List<Long> millis = new ArrayList<>();
            long size = 0;
            for (int i = 0; i < iterations + 2; i++) {
                long start = System.nanoTime();
                PackageBuilder.Built built = builder.build(options, List.of(target), work.resolve(name)).get(0);
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                size = built.bytes();
                if (i >= 2) {
                    millis.add(took);
                }
            }
            System.out.printf("%-20s median %5d ms  (min %d, max %d, %d runs)  %d bytes%n", name, median(millis),
                    Collections.min(millis), Collections.max(millis), millis.size(), size);
        }
        Path deb = work.resolve("linux-systemd-deb/launcher.linux-systemd-deb.deb");
        Path tree = work.resolve("tree");
        run(work, "rm", "-rf", tree.toString());
        run(work, "dpkg-deb", "-R", deb.toString(), tree.toString());
        for (String compression : List.of("-Zgzip -z9", "-Zxz")) {
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < iterations + 1; i++) {
                long start = System.nanoTime();
                run(work, "/bin/sh", "-c", "dpkg-deb --root-owner-group " + compression + " --build " + tree
                        + " " + work.resolve("dpkg.deb") + " >/dev/null");
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                if (i >= 1) {
                    millis.add(took);
                }
            }
            System.out.printf("dpkg-deb --build %-11s median %5d ms  (min %d, max %d, %d runs)  %d bytes%n",
                    compression, median(millis), Collections.min(millis), Collections.max(millis), millis.size(),
                    Files.size(work.resolve("dpkg.deb")));
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue());
        }
    }
}
