package dev.kolide.pkgbuilder.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.pkgbuilder.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "linux-systemd-deb, LINUX, AMD64, SYSTEMD, DEB, launcher.linux-systemd-deb.deb",
        "linux-init-rpm, LINUX, AMD64, INIT, RPM, launcher.linux-init-rpm.rpm",
        "windows-service-msi, WINDOWS, AMD64, SERVICE, MSI, launcher.windows-service-msi.msi",
        "darwin-launchd-pkg, DARWIN, UNIVERSAL, LAUNCHD, PKG, launcher.darwin-launchd-pkg.pkg",
        "darwin-arm64-launchd-pkg, DARWIN, ARM64, LAUNCHD, PKG, launcher.darwin-arm64-launchd-pkg.pkg",
        "linux-arm64-systemd-rpm, LINUX, ARM64, SYSTEMD, RPM, launcher.linux-arm64-systemd-rpm.rpm",
        "linux-upstart_amazon_ami-rpm, LINUX, AMD64, UPSTART_AMAZON_AMI, RPM, launcher.linux-upstart_amazon_ami-rpm.rpm",
    })
    void parsesKolidesNamesAndPrintsThemBack(String name, Platform platform, Arch arch, Init init, PackageType type,
            String fileName) {
        Target target = Target.parse(name);
        assertThat(target).isEqualTo(new Target(platform, arch, init, type));
        assertThat(target).hasToString(name);
        assertThat(target.fileName()).isEqualTo(fileName);
    }

    @Test
    void theDefaultArchIsLeftOutOfTheName() {
        assertThat(Target.parse("linux-amd64-systemd-deb")).hasToString("linux-systemd-deb");
        assertThat(Target.parse("darwin-universal-launchd-pkg")).hasToString("darwin-launchd-pkg");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "linux-systemd-apk | unknown package \"apk\"",
        "beos-systemd-deb | unknown platform \"beos\"",
        "linux-runit-deb | unknown init \"runit\"",
        "linux-mips-systemd-deb | unknown arch \"mips\"",
        "linux-deb | is not platform-init-package",
        "linux-a-b-c-d | is not platform-init-package",
    })
    void badNamesSayWhichPartIsWrong(String name, String message) {
        assertThatThrownBy(() -> Target.parse(name)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(message);
    }

    @Test
    void onlyTheBuiltTargetsAreAccepted() {
        SupportedTargets supported = new SupportedTargets();
        assertThat(supported.all()).extracting(Target::toString).containsExactly("linux-systemd-deb",
                "linux-systemd-rpm", "linux-init-deb", "linux-init-rpm", "linux-systemd-tar", "windows-service-msi");
        assertThat(supported.require("linux-amd64-systemd-deb")).isEqualTo(Target.parse("linux-systemd-deb"));
        assertThatThrownBy(() -> supported.require("darwin-launchd-pkg")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not built here");
    }
}
