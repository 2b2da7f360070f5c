package dev.kolide.pkgbuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.pkgbuilder.format.PackageWriter;
import dev.kolide.pkgbuilder.format.tar.TarWriter;
import dev.kolide.pkgbuilder.layout.Layout;
import dev.kolide.pkgbuilder.target.PackageType;
import dev.kolide.pkgbuilder.target.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageBuilderTest {
    @TempDir
    Path dir;

    @Test
    void aWriterFailingHalfwayLeavesNoPackageBehindNotEvenTheOnesBuiltBefore() throws Exception {
        PackageWriter failing = (spec, out) -> {
            Files.writeString(out, "half a package");
            throw new IOException("disk full");
        };
        StringWriter progress = new StringWriter();
        PackageBuilder builder = new PackageBuilder(new Layout(),
                Map.of(PackageType.TAR, new TarWriter(), PackageType.DEB, failing), new PrintWriter(progress, true),
                Clock.systemUTC());
        PackageOptions options = new Fixtures(Files.createDirectories(dir.resolve("in"))).options(false);
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> builder.build(options,
                List.of(Target.parse("linux-systemd-tar"), Target.parse("linux-systemd-deb")), out))
                .isInstanceOf(IOException.class).hasMessageContaining("building linux-systemd-deb: disk full");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
        assertThat(progress.toString()).contains("built linux-systemd-tar", "building linux-systemd-deb");
    }

    @Test
    void packagesAreWorldReadable() throws Exception {
        PackageBuilder builder = new PackageBuilder(new Layout(), Map.of(PackageType.TAR, new TarWriter()),
                new PrintWriter(new StringWriter()), Clock.systemUTC());
        PackageOptions options = new Fixtures(Files.createDirectories(dir.resolve("in"))).options(false);
        Path built = builder.build(options, List.of(Target.parse("linux-systemd-tar")), dir.resolve("out")).get(0).path();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(built)))
                .isEqualTo("rw-r--r--");
    }
}
