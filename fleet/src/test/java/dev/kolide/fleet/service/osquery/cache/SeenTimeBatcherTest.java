package dev.kolide.fleet.service.osquery.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.datastore.DatastoreException;
import dev.kolide.fleet.datastore.HostStore;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.service.osquery.testing.OsqueryDatabaseTestBase;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Check-in times reach hosts.seen_time in batches, once per flush, and survive a failed flush. */
class SeenTimeBatcherTest extends OsqueryDatabaseTestBase {

    private Host host(String identifier) {
        return ds.hosts().enroll(identifier, "key-" + identifier, "default");
    }

    private Instant seenTime(Host host) {
        return ds.hosts().find(host.id()).orElseThrow().seenTime();
    }

    @Test
    void manyCheckInsBecomeOneStatementAndTheLatestTimeWins() {
        Host a = host("a");
        Host b = host("b");
        SeenTimeBatcher batcher = new SeenTimeBatcher(ds.hosts(), Duration.ofSeconds(5));
        batcher.record(a.id(), T0.plusSeconds(10));
        batcher.record(a.id(), T0.plusSeconds(30));
        batcher.record(a.id(), T0.plusSeconds(20));
        batcher.record(b.id(), T0.plusSeconds(15));
        batcher.record(404, T0.plusSeconds(15));
        statements.reset();

        assertThat(batcher.flush()).isEqualTo(3);

        assertThat(statements.statements()).hasSize(1).first().asString().startsWith("UPDATE hosts SET seen_time");
        assertThat(seenTime(a)).isEqualTo(T0.plusSeconds(30));
        assertThat(seenTime(b)).isEqualTo(T0.plusSeconds(15));
        assertThat(batcher.pendingCount()).isZero();
        statements.reset();
        assertThat(batcher.flush()).isZero();
        assertThat(statements.count()).as("nothing pending, nothing sent").isZero();
    }

    @Test
    void aFailedFlushKeepsTheTimesForTheNextOne() {
        Host a = host("a");
        AtomicBoolean down = new AtomicBoolean(true);
        HostStore flaky = (HostStore) Proxy.newProxyInstance(HostStore.class.getClassLoader(),
                new Class<?>[] {HostStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("markSeen") && down.get()) {
                        throw new DatastoreException("marking hosts seen", new RuntimeException("connection refused"));
                    }
                    return method.invoke(ds.hosts(), args);
                });
        SeenTimeBatcher batcher = new SeenTimeBatcher(flaky, Duration.ofSeconds(5));
        batcher.record(a.id(), T0.plusSeconds(10));

        assertThatThrownBy(batcher::flush).isInstanceOf(DatastoreException.class);
        batcher.record(a.id(), T0.plusSeconds(5));
        assertThat(batcher.pendingCount()).isEqualTo(1);

        down.set(false);
        assertThat(batcher.flush()).isEqualTo(1);
        assertThat(seenTime(a)).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    @Timeout(10)
    void asAnActorItFlushesEveryInterval() throws Exception {
        Host a = host("a");
        SeenTimeBatcher batcher = new SeenTimeBatcher(ds.hosts(), Duration.ofMillis(50));
        Thread actor = start(batcher);
        try {
            batcher.record(a.id(), T0.plusSeconds(40));
            while (seenTime(a).equals(T0)) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            assertThat(seenTime(a)).isEqualTo(T0.plusSeconds(40));
        } finally {
            batcher.interrupt(new RuntimeException("test over"));
            actor.join();
        }
    }

    @Test
    @Timeout(10)
    void asAnActorItFlushesWhatIsLeftWhenStopped() throws Exception {
        Host b = host("b");
        SeenTimeBatcher batcher = new SeenTimeBatcher(ds.hosts(), Duration.ofHours(1));
        Thread actor = start(batcher);
        batcher.record(b.id(), T0.plusSeconds(50));
        assertThat(seenTime(b)).as("an hour to the first flush").isEqualTo(T0);

        batcher.interrupt(new RuntimeException("stop"));
        actor.join();

        assertThat(seenTime(b)).as("the last flush on the way out").isEqualTo(T0.plusSeconds(50));
    }

    private static Thread start(SeenTimeBatcher batcher) {
        Thread actor = new Thread(() -> {
            try {
                batcher.execute();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "seen-times");
        actor.start();
        return actor;
    }
}
