package dev.kolide.pkgbuilder.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.pkgbuilder.BadInputException;
import org.junit.jupiter.api.Test;

class TargetTest {
    @Test
    void parsesKolidesNamesAndLeavesTheDefaultArchOut() {
        Target deb = Target.parse("linux-systemd-deb");
        assertThat(deb).isEqualTo(new Target(Platform.LINUX, Arch.AMD64, Init.SYSTEMD, PackageType.DEB));
        assertThat(deb.fileName()).isEqualTo("launcher.linux-systemd-deb.deb");
        assertThat(Target.parse("linux-amd64-systemd-deb")).isEqualTo(deb);
        assertThat(Target.parse("linux-arm64-init-rpm").toString()).isEqualTo("linux-arm64-init-rpm");
        assertThat(Target.parse("darwin-launchd-pkg").arch()).isEqualTo(Arch.UNIVERSAL);
        assertThat(Target.parse("linux-upstart_amazon_ami-rpm").init()).isEqualTo(Init.UPSTART_AMAZON_AMI);
    }

    @Test
    void namesTheUnknownPart() {
        assertThatThrownBy(() -> Target.parse("linux-systemd-apk")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown package \"apk\"");
        assertThatThrownBy(() -> Target.parse("linux-deb")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("platform-init-package");
        assertThatThrownBy(() -> new SupportedTargets().require("darwin-launchd-pkg"))
                .hasMessageContaining("not built here");
    }
}
