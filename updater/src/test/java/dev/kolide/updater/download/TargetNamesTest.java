package dev.kolide.updater.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetNamesTest {
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
        "linux, osqueryd, STABLE, linux/osqueryd-stable.tar.gz",
        "darwin, osqueryd, BETA, darwin/osqueryd-beta.tar.gz",
        "windows, launcher, NIGHTLY, windows/launcher-nightly.tar.gz",
        "linux, osquery-extension.ext, STABLE, linux/osquery-extension.ext-stable.tar.gz",
    })
    void targetIsPlatformSlashBinaryDashChannel(String platform, String binary, Channel channel, String expected) {
        assertThat(TargetNames.target(platform, binary, channel)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "kolide, osqueryd, kolide/osqueryd",
        "kolide/, launcher, kolide/launcher",
        "example.com/kolide, osqueryd, example.com/kolide/osqueryd",
    })
    void gunIsPrefixSlashBinary(String prefix, String binary, String expected) {
        assertThat(TargetNames.gun(prefix, binary)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"linux/x, osqueryd", "'', osqueryd", "linux, ''", "linux, ../osqueryd", "linux, os queryd",
        "linux, a/b", ".., osqueryd"})
    void unsafeSegmentsAreRefused(String platform, String binary) {
        assertThatThrownBy(() -> TargetNames.target(platform, binary, Channel.STABLE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"stable, STABLE", "Beta, BETA", "' nightly ', NIGHTLY"})
    void channelsParseInAnyCase(String name, Channel expected) {
        assertThat(Channel.parse(name)).isEqualTo(expected);
        assertThat(expected.id()).isEqualTo(name.strip().toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"alpha", "''", "stable2"})
    void anUnknownChannelSaysWhichExist(String name) {
        assertThatThrownBy(() -> Channel.parse(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown update channel")
                .hasMessageContaining("stable, beta, nightly");
    }
}
