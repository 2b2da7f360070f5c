package dev.kolide.kit.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverNumberTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.0.0, 0",
        "1.2.3, 1002003",
        "v1.2.3, 1002003",
        "0.11.11, 11011",
        "1.0.0-beta.1, 1000000",
        "2.3.4-5-gabcdef-dirty, 2003004",
        "10.999.999+build.7, 10999999",
        "123.0.1, 123000001",
    })
    void versionsBecomeMajorMillionMinorThousandPatch(String version, long number) {
        assertThat(SemverNumber.toNumber(version)).isEqualTo(number);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "1", "1.2", "a.b.c", "1.2.3.4", "1.1000.0", "1.0.1000", "version 1.2.3", "-1.2.3"})
    void nonSemverOrOverflowingVersionsAreRefusedWithTheVersionInTheMessage(String version) {
        assertThatThrownBy(() -> SemverNumber.toNumber(version))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + version + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0.0.0", "1.2.3", "0.11.11", "999.999.999", "7.0.12"})
    void numberRoundTripsToTheSameVersion(String version) {
        assertThat(SemverNumber.fromNumber(SemverNumber.toNumber(version))).isEqualTo(version);
    }

    @org.junit.jupiter.api.Test
    void laterVersionsGetLargerNumbers() {
        assertThat(SemverNumber.toNumber("1.10.0")).isGreaterThan(SemverNumber.toNumber("1.9.999"));
        assertThat(SemverNumber.toNumber("2.0.0")).isGreaterThan(SemverNumber.toNumber("1.999.999"));
    }
}
