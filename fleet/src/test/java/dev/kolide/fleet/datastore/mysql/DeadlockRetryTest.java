package dev.kolide.fleet.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.datastore.testing.TestDatabase;
import dev.kolide.fleet.datastore.testing.TestEngine;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** A transaction InnoDB picks as a deadlock victim is run again instead of failing the request. */
class DeadlockRetryTest {

    @Test
    void deadlockErrorsAreRecognizedOnBothEngines() {
        assertThat(SqlErrors.isDeadlock(new SQLException("Deadlock found", "40001", 1213))).isTrue();
        assertThat(SqlErrors.isDeadlock(new RuntimeException(new SQLException("deadlock", "40001", 40001))))
                .isTrue();
        assertThat(SqlErrors.isDeadlock(new SQLException("Lock wait timeout", "HY000", 1205))).isFalse();
        assertThat(SqlErrors.isDeadlock(new SQLException("Duplicate entry", "23000", 1062))).isFalse();
    }

    @Test
    void twoTransactionsLockingInOppositeOrdersBothCommitOnMariaDb() throws Exception {
        try (TestDatabase test = TestEngine.MARIADB.create()) {
            Jdbi jdbi = Jdbi.create(test.database().dataSource());
            jdbi.useHandle(h -> {
                h.execute("CREATE TABLE pair (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB");
                h.execute("INSERT INTO pair VALUES (1, 0), (2, 0)");
            });
            Db db = new Db(jdbi);
            CyclicBarrier bothHoldOneRow = new CyclicBarrier(2);
            AtomicInteger runs = new AtomicInteger();

            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> swap(db, 1, 2, bothHoldOneRow, runs));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> swap(db, 2, 1, bothHoldOneRow, runs));
            CompletableFuture.allOf(first, second).get(60, TimeUnit.SECONDS);

            // one of the two was the victim and ran twice; both increments of both rows are there
            assertThat(runs).hasValue(3);
            int sum = jdbi.withHandle(h -> h.createQuery("SELECT SUM(v) FROM pair").mapTo(Integer.class).one());
            assertThat(sum).isEqualTo(4);
        }
    }

    /** Locks row {@code a}, waits until the other side holds its row (first run only), then wants row {@code b}. */
    private static void swap(Db db, int a, int b, CyclicBarrier barrier, AtomicInteger runs) {
        AtomicInteger mine = new AtomicInteger();
        db.transaction("updating rows " + a + " and " + b, h -> {
            runs.incrementAndGet();
            h.execute("UPDATE pair SET v = v + 1 WHERE id = ?", a);
            if (mine.getAndIncrement() == 0) {
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other transaction did not come", e);
                }
            }
            h.execute("UPDATE pair SET v = v + 1 WHERE id = ?", b);
            return null;
        });
    }
}
