package dev.kolide.kit.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "0, PT0S",
        "60s, PT1M",
        "1h, PT1H",
        "1h30m, PT1H30M",
        "1.5h, PT1H30M",
        "500ms, PT0.5S",
        "10us, PT0.00001S",
        "2m3s, PT2M3S",
        "-5s, PT-5S",
    })
    void goSpellingsParse(String text, Duration expected) {
        assertThat(GoDuration.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "60", "5 s", "1d", "h", "1h-5m", "abc", "1.2.3s"})
    void otherSpellingsAreRefusedNamingTheValue(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\" is not a duration");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PT0S, 0s", "PT1M, 1m0s", "PT1H30M, 1h30m0s", "PT0.5S, 0.5s", "PT10S, 10s"})
    void formatsAsGoDoes(Duration duration, String text) {
        assertThat(GoDuration.format(duration)).isEqualTo(text);
        assertThat(GoDuration.parse(text)).isEqualTo(duration);
    }
}
