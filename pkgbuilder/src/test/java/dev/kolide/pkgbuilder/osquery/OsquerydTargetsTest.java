package dev.kolide.pkgbuilder.osquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.pkgbuilder.BadInputException;
import dev.kolide.pkgbuilder.target.Platform;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OsquerydTargetsTest {
    @ParameterizedTest
    @CsvSource({
        "LINUX, stable, linux/osqueryd-stable.tar.gz",
        "LINUX, beta, linux/osqueryd-beta.tar.gz",
        "LINUX, NIGHTLY, linux/osqueryd-nightly.tar.gz",
        "WINDOWS, stable, windows/osqueryd-stable.tar.gz",
        "LINUX, 5.12.1, linux/osqueryd-5.12.1.tar.gz",
        "WINDOWS, 5.12.1, windows/osqueryd-5.12.1.tar.gz",
        "DARWIN, 5.0.1-rc1, darwin/osqueryd-5.0.1-rc1.tar.gz",
    })
    void channelsAndVersionsNameLaunchersTargets(Platform platform, String version, String target) {
        assertThat(OsquerydTargets.targetName(platform, version)).isEqualTo(target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.1/x", "..", "5..1", "-5", "stable?x", ""})
    void anythingElseIsBadInput(String version) {
        assertThatThrownBy(() -> OsquerydTargets.targetName(Platform.LINUX, version))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--osquery_version");
    }

    @ParameterizedTest
    @CsvSource({"LINUX, osqueryd", "DARWIN, osqueryd", "WINDOWS, osqueryd.exe"})
    void theBinaryInTheArchive(Platform platform, String binary) {
        assertThat(OsquerydTargets.binaryName(platform)).isEqualTo(binary);
    }
}
