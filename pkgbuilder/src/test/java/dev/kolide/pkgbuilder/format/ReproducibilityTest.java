package dev.kolide.pkgbuilder.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.pkgbuilder.Fixtures;
import dev.kolide.pkgbuilder.PackageOptions;
import dev.kolide.pkgbuilder.target.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The same inputs and SOURCE_DATE_EPOCH give the same bytes; another epoch gives other bytes. */
class ReproducibilityTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"linux-systemd-deb", "linux-init-deb", "linux-systemd-rpm", "linux-init-rpm",
        "linux-systemd-tar"})
    void sameInputsSameBytes(String name) throws Exception {
        Target target = Target.parse(name);
        PackageOptions options = new Fixtures(Files.createDirectories(dir.resolve("in"))).options(false);
        Path first = Built.build(options, target, dir.resolve("a"));
        Thread.sleep(1100); // a build that read the clock would now differ
        Path second = Built.build(options, target, dir.resolve("b"));
        assertThat(Files.mismatch(first, second)).as(name + " built twice").isEqualTo(-1L);
        System.out.println(name + " sha256 " + sha256(first) + " = " + sha256(second));

        PackageOptions later = new PackageOptions(options.hostname(), options.enrollSecret(), options.omitSecret(),
                options.identifier(), options.insecure(), options.insecureTransport(), options.transport(),
                options.certPins(), options.rootPem(), options.osqueryFlags(), options.osqueryd(), options.launcher(),
                options.packageVersion(), options.binRootDir(), Instant.ofEpochSecond(1700000001));
        Path third = Built.build(later, target, dir.resolve("c"));
        assertThat(Files.mismatch(first, third)).as(name + " with another epoch").isNotEqualTo(-1L);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
