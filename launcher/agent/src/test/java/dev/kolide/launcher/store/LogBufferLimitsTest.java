package dev.kolide.launcher.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogBufferLimitsTest {
    @Test
    void defaultsAreKolideLaunchers() {
        assertThat(LogBufferLimits.defaults()).isEqualTo(new LogBufferLimits(3 * 1024 * 1024, 3 * 1024 * 1024, 500_000));
    }

    @Test
    void aLogLimitAboveTheBatchLimitIsRejected() {
        assertThatThrownBy(() -> new LogBufferLimits(100, 101, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("could never fit");
    }

    @Test
    void nonPositiveLimitsAreRejected() {
        assertThatThrownBy(() -> new LogBufferLimits(0, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogBufferLimits(10, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
