package dev.kolide.fleet.service.osquery.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.service.osquery.EnrollRequest;
import dev.kolide.fleet.service.osquery.testing.OsqueryDatabaseTestBase;
import dev.kolide.fleet.service.osquery.testing.OsqueryRows;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Host expiry (when enabled) and the clean-up of enrollments that never sent details. */
class HostMaintenanceTest extends OsqueryDatabaseTestBase {

    private void expiry(boolean enabled, int days) {
        ds.appConfig().save(new AppConfig("", "", "", enabled, days, false, Map.of()));
    }

    /** A host enrolled (so seen) at the clock's current time, with its enrollment details. */
    private Host seenHost(String identifier) {
        long id = service.enroll(new EnrollRequest(SECRET, identifier, "", OsqueryRows.ubuntuHostDetails(identifier)))
                .hostId();
        return ds.hosts().find(id).orElseThrow();
    }

    @Test
    void expiryDeletesHostsUnseenForTheWindowOnlyWhenEnabled() {
        Host old = seenHost("old");
        clock.advance(Duration.ofDays(6));
        Host recent = seenHost("recent");
        clock.advance(Duration.ofDays(2));

        expiry(false, 7);
        assertThat(osquery.maintenance().runOnce()).isEqualTo(new HostMaintenance.Result(0, 0));
        assertThat(ds.hosts().find(old.id())).isPresent();

        expiry(true, 7);
        assertThat(osquery.maintenance().runOnce().expired()).isEqualTo(1);
        assertThat(ds.hosts().find(old.id())).isEmpty();
        assertThat(ds.hosts().find(recent.id())).isPresent();
    }

    @Test
    void aWindowUnderOneDayExpiresNothing() {
        seenHost("a");
        clock.advance(Duration.ofDays(30));
        expiry(true, 0);

        assertThat(osquery.maintenance().runOnce().expired()).isZero();
        assertThat(ds.hosts().findByIdentifier("a")).isPresent();
    }

    @Test
    void hostsThatNeverSentDetailsAreDeletedAfterFiveMinutes() {
        Host silent = ds.hosts().enroll("silent", "key-silent", "default");
        Host talking = seenHost("talking");

        clock.advance(Duration.ofMinutes(5));
        assertThat(osquery.maintenance().runOnce().incoming()).as("not yet: strictly before").isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(osquery.maintenance().runOnce().incoming()).isEqualTo(1);
        assertThat(ds.hosts().find(silent.id())).isEmpty();
        assertThat(ds.hosts().find(talking.id())).isPresent();
    }
}
