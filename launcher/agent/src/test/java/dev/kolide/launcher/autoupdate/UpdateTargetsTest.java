package dev.kolide.launcher.autoupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdateTargetsTest {
    @Test
    void namesGunAndTargetAsKolidesNotary() {
        UpdateTargets targets = new UpdateTargets("kolide", UpdateChannel.NIGHTLY, "darwin");

        assertThat(targets.gun("osqueryd")).isEqualTo("kolide/osqueryd");
        assertThat(targets.target("osqueryd")).isEqualTo("darwin/osqueryd-nightly.tar.gz");
        assertThat(targets.target("launcher")).isEqualTo("darwin/launcher-nightly.tar.gz");
    }

    @ParameterizedTest
    @CsvSource({"Linux,linux", "Mac OS X,darwin", "Darwin,darwin", "Windows 10,windows", "Windows Server 2019,windows"})
    void platformFromOsName(String osName, String platform) {
        assertThat(UpdateTargets.platform(osName)).isEqualTo(platform);
    }

    @Test
    void noTargetsForOtherSystems() {
        assertThatThrownBy(() -> UpdateTargets.platform("FreeBSD")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FreeBSD").hasMessageContaining("linux, darwin and windows");
    }

    @Test
    void parsesChannelsInAnyCaseAndNamesTheChoicesOnError() {
        assertThat(UpdateChannel.parse(" Beta ")).isEqualTo(UpdateChannel.BETA);
        assertThat(UpdateChannel.parse("stable").wireName()).isEqualTo("stable");
        assertThatThrownBy(() -> UpdateChannel.parse("alpha")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown update channel 'alpha': use one of stable, beta, nightly");
    }

    @Test
    void updatesLiveBesideTheBinary() {
        assertThat(UpdatesDirectory.besideBinary(Path.of("/usr/local/kolide/bin/osqueryd"), "osqueryd"))
                .isEqualTo(Path.of("/usr/local/kolide/bin/osqueryd-updates"));
        assertThat(UpdatesDirectory.besideBinary(Path.of("/opt/osquery/osqueryd-5.1"), "osqueryd").getFileName())
                .hasToString("osqueryd-updates");
    }
}
