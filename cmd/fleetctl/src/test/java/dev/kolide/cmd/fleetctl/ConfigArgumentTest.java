package dev.kolide.cmd.fleetctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigArgumentTest {
    @Test
    void configAnywhereBeforeDoubleDashIsTakenOutWithItsValue() {
        FleetctlMain.ConfigArgument a = FleetctlMain.ConfigArgument.extract(
                new String[] {"get", "--config", "/tmp/c", "queries", "--", "--config=x"});

        assertThat(a.path()).isEqualTo("/tmp/c");
        assertThat(a.remaining()).containsExactly("get", "queries", "--", "--config=x");
    }

    @Test
    void equalsAndSingleDashSpellingsWork() {
        assertThat(FleetctlMain.ConfigArgument.extract(new String[] {"-config=/a", "login"}).path()).isEqualTo("/a");
        assertThat(FleetctlMain.ConfigArgument.extract(new String[] {"login", "--config=/b"}).remaining())
                .containsExactly("login");
    }

    @Test
    void configWithoutAValueIsReported() {
        assertThat(FleetctlMain.ConfigArgument.extract(new String[] {"login", "--config"}).missingValue()).isTrue();
    }
}
