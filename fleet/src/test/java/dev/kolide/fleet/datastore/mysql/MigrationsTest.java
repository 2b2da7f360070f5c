package dev.kolide.fleet.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.datastore.MigrationsPendingException;
import dev.kolide.fleet.datastore.mysql.Migrations.Migration;
import dev.kolide.fleet.datastore.testing.TestDatabase;
import dev.kolide.fleet.datastore.testing.TestEngine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each test starts from an empty database of its own. */
class MigrationsTest {

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void aFreshDatabaseHasPendingMigrationsAndTheCheckNamesFleetPrepareDb(TestEngine engine) {
        try (TestDatabase database = engine.create()) {
            Migrations migrations = new Migrations(database.database());

            List<Migration> pending = migrations.pending();

            assertThat(pending).extracting(Migration::version).startsWith("1", "2");
            assertThat(pending.get(0).description()).isEqualTo("create schema");
            assertThatThrownBy(migrations::requireUpToDate)
                    .isInstanceOf(MigrationsPendingException.class)
                    .hasMessageContaining("fleet prepare db")
                    .hasMessageContaining("1 create schema")
                    .satisfies(e -> assertThat(((MigrationsPendingException) e).pending()).hasSize(pending.size()));
        }
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void applyRunsEveryPendingMigrationOnceAndLeavesNonePending(TestEngine engine) {
        try (TestDatabase database = engine.create()) {
            Migrations migrations = new Migrations(database.database());
            List<Migration> pending = migrations.pending();

            assertThat(migrations.apply()).isEqualTo(pending);

            assertThat(migrations.pending()).isEmpty();
            assertThatCode(migrations::requireUpToDate).doesNotThrowAnyException();
            assertThat(migrations.apply()).isEmpty();
            // a second fleet node (a second Migrations) sees the same state
            assertThat(new Migrations(database.database()).pending()).isEmpty();
        }
    }
}
