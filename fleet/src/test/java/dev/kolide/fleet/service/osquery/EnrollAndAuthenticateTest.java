package dev.kolide.fleet.service.osquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.domain.EnrollSecret;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostStatus;
import dev.kolide.fleet.domain.NewLabel;
import dev.kolide.fleet.service.osquery.testing.OsqueryDatabaseTestBase;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Enrollment with named secrets, node keys, and authentication through the cache. */
class EnrollAndAuthenticateTest extends OsqueryDatabaseTestBase {

    private Host stored(long id) {
        return ds.hosts().find(id).orElseThrow();
    }

    @Test
    void enrollingWithAnActiveSecretStoresTheHostAndItsDetailsAndReturnsAFreshNodeKey() {
        Enrollment enrollment = enroll("uuid-1", "web-01.example.com");

        assertThat(Base64.getDecoder().decode(enrollment.nodeKey())).hasSize(24);
        Host host = stored(enrollment.hostId());
        assertThat(host.osqueryHostId()).isEqualTo("uuid-1");
        assertThat(host.nodeKey()).isEqualTo(enrollment.nodeKey());
        assertThat(host.enrollSecretName()).isEqualTo("default");
        assertThat(host.inventory().hostname()).isEqualTo("web-01.example.com");
        assertThat(host.inventory().platform()).isEqualTo("ubuntu");
        assertThat(host.detailUpdatedAt()).as("the detail queries still run").isEqualTo(Host.NEVER);
        assertThat(enrollment.toString()).doesNotContain(enrollment.nodeKey());
    }

    @Test
    void severalNamedSecretsWorkAndTheHostRecordsWhichOne() {
        ds.enrollSecrets().apply(List.of(new EnrollSecret("laptops", "laptop-secret", true)));

        Enrollment enrollment = service.enroll(new EnrollRequest("laptop-secret", "uuid-2", "", Map.of()));

        assertThat(stored(enrollment.hostId()).enrollSecretName()).isEqualTo("laptops");
    }

    @Test
    void anInactiveSecretRefusesNewEnrollmentsButKeepsEnrolledHosts() {
        Enrollment before = enroll("uuid-1", "web-01");
        ds.enrollSecrets().apply(List.of(new EnrollSecret("default", SECRET, false)));

        assertThatThrownBy(() -> enroll("uuid-2", "web-02"))
                .isInstanceOf(HostAuthenticationException.class)
                .hasMessage("enroll failed: the enroll secret is not valid");
        assertThat(service.authenticate(before.nodeKey()).id()).isEqualTo(before.hostId());
    }

    @Test
    void aWrongOrMissingSecretIsRefusedWithoutSayingWhatWasSent() {
        assertThatThrownBy(() -> service.enroll(new EnrollRequest("guess", "uuid-1", "", Map.of())))
                .isInstanceOf(HostAuthenticationException.class)
                .hasMessageNotContaining("guess");
        assertThatThrownBy(() -> service.enroll(new EnrollRequest("", "uuid-1", "", Map.of())))
                .isInstanceOf(HostAuthenticationException.class)
                .hasMessage("enroll failed: no enroll secret");
        assertThat(ds.hosts().findByIdentifier("uuid-1")).isEmpty();
    }

    @Test
    void aMissingOrOverlongHostIdentifierIsABadRequest() {
        assertThatThrownBy(() -> service.enroll(new EnrollRequest(SECRET, " ", "", Map.of())))
                .isInstanceOf(InvalidOsqueryRequestException.class)
                .hasMessage("host_identifier is missing");
        assertThatThrownBy(() -> service.enroll(new EnrollRequest(SECRET, "x".repeat(256), "", Map.of())))
                .isInstanceOf(InvalidOsqueryRequestException.class);
    }

    @Test
    void reEnrollingRotatesTheKeyAndTheOldOneStopsWorkingAtOnce() {
        Enrollment first = enroll("uuid-1", "web-01");
        service.authenticate(first.nodeKey());

        Enrollment again = enroll("uuid-1", "web-01");

        assertThat(again.hostId()).isEqualTo(first.hostId());
        assertThat(again.nodeKey()).isNotEqualTo(first.nodeKey());
        assertThatThrownBy(() -> service.authenticate(first.nodeKey())).isInstanceOf(HostAuthenticationException.class);
        assertThat(service.authenticate(again.nodeKey()).id()).isEqualTo(first.hostId());
    }

    @Test
    void unknownEmptyAndOverlongNodeKeysAreRefused() {
        enroll("uuid-1", "web-01");

        assertThatThrownBy(() -> service.authenticate("not-a-key"))
                .isInstanceOf(HostAuthenticationException.class).hasMessage("invalid node key");
        assertThatThrownBy(() -> service.authenticate(""))
                .isInstanceOf(HostAuthenticationException.class).hasMessage("missing node key");
        statements.reset();
        assertThatThrownBy(() -> service.authenticate("k".repeat(10_000)))
                .isInstanceOf(HostAuthenticationException.class);
        assertThat(statements.count()).as("no lookup for what cannot be a key").isZero();
    }

    @Test
    void aKnownKeyIsReadOnceThenServedFromTheCacheWithItsLabels() {
        Enrollment enrollment = enroll("uuid-1", "web-01");
        long label = ds.labels().create(NewLabel.dynamic("web", "select 1;")).id();
        ds.labels().recordResults(enrollment.hostId(), Map.of(label, true), T0);
        statements.reset();

        AuthenticatedHost first = service.authenticate(enrollment.nodeKey());
        assertThat(statements.count()).as("host by node key, its label ids").isEqualTo(2);
        assertThat(first.labelIds()).containsExactly(label);

        statements.reset();
        AuthenticatedHost second = service.authenticate(enrollment.nodeKey());
        assertThat(statements.count()).isZero();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aHostDeletedOnAnotherNodeIsRefusedOnceItsCacheEntryExpires() {
        Enrollment enrollment = enroll("uuid-1", "web-01");
        service.authenticate(enrollment.nodeKey());

        ds.hosts().delete(enrollment.hostId());

        clock.advance(Duration.ofSeconds(59));
        assertThat(service.authenticate(enrollment.nodeKey()).id()).isEqualTo(enrollment.hostId());
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> service.authenticate(enrollment.nodeKey()))
                .isInstanceOf(HostAuthenticationException.class);
    }

    @Test
    void aHostDeletedOnThisNodeIsRefusedAtOnceAfterEviction() {
        Enrollment enrollment = enroll("uuid-1", "web-01");
        service.authenticate(enrollment.nodeKey());

        ds.hosts().delete(enrollment.hostId());
        osquery.evictHost(enrollment.hostId());

        assertThatThrownBy(() -> service.authenticate(enrollment.nodeKey()))
                .isInstanceOf(HostAuthenticationException.class);
    }

    @Test
    void checkInsAreWrittenByTheBatcherAndMakeTheHostOnline() {
        Enrollment enrollment = enroll("uuid-1", "web-01");
        AuthenticatedHost host = service.authenticate(enrollment.nodeKey());
        service.config(host);
        // past the online window (10 s served interval + 30 s), within the cache's minute
        clock.advance(Duration.ofSeconds(50));
        statements.reset();

        service.authenticate(enrollment.nodeKey());
        assertThat(statements.count()).as("a check-in writes nothing itself").isZero();
        assertThat(stored(enrollment.hostId()).status(clock.instant())).isEqualTo(HostStatus.OFFLINE);

        osquery.seenTimes().flush();

        Host stored = stored(enrollment.hostId());
        assertThat(stored.seenTime()).isEqualTo(clock.instant());
        assertThat(stored.status(clock.instant())).isEqualTo(HostStatus.ONLINE);
        assertThat(stored.status(clock.instant().plusSeconds(41))).isEqualTo(HostStatus.OFFLINE);
    }
}
