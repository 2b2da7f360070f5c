package dev.kolide.fleet.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.datastore.DatastoreException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection settings, failures and error classification, engine by engine where it matters. */
class DatabaseTest {

    @Test
    void anUnreachableServerFailsSayingWhereWithoutThePassword() {
        MysqlSettings settings = new MysqlSettings("127.0.0.1:1", "kolide", "hunter2", "kolide", 2, 1, Duration.ZERO);

        assertThatThrownBy(() -> Database.mysql(settings))
                .isInstanceOf(DatastoreException.class)
                .hasMessage("connecting to mysql kolide@127.0.0.1:1/kolide")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void settingsRefuseValuesThatWouldChangeTheJdbcUrl() {
        assertThatThrownBy(() -> new MysqlSettings("db:3306/x?allowLoadLocalInfile=true", "u", "p", "kolide", 1, 1,
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MysqlSettings("db:3306", "u", "p", "kolide?x=y", 1, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MysqlSettings("db:3306", "u", "p", "kolide", 1, 1, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conn_max_lifetime");
        MysqlSettings defaults = MysqlSettings.defaults();
        assertThat(defaults.jdbcUrl()).isEqualTo("jdbc:mariadb://localhost:3306/kolide");
        assertThat(defaults.maxOpenConns()).isEqualTo(50);
        assertThat(new MysqlSettings("[::1]:3306", "u", "s3cret", "kolide", 1, 1, Duration.ZERO).toString())
                .doesNotContain("s3cret");
    }

    @Test
    void aClosedDatastoreFailsWithADatastoreException(@TempDir Path directory) {
        Database database = Database.embedded(directory);
        new Migrations(database).apply();
        MysqlDatastore datastore = new MysqlDatastore(database, Clock.systemUTC());
        datastore.ping();

        datastore.close();

        assertThatThrownBy(datastore::ping).isInstanceOf(DatastoreException.class).hasMessageStartingWith("pinging");
        assertThatThrownBy(() -> datastore.hosts().findByNodeKey("x"))
                .isInstanceOf(DatastoreException.class)
                .hasMessage("finding a host by node key");
    }

    @Test
    void uniqueViolationsAreRecognizedOnBothEnginesButNotOtherConstraints() {
        assertThat(SqlErrors.isUniqueViolation(new SQLException("dup", "23505", 23505))).isTrue();
        assertThat(SqlErrors.isUniqueViolation(
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062))).isTrue();
        assertThat(SqlErrors.isUniqueViolation(new RuntimeException("wrapped",
                new SQLException("Duplicate entry", "23000", 1062)))).isTrue();
        // MariaDB: a foreign-key failure is also SQLState 23000, with error 1452
        assertThat(SqlErrors.isUniqueViolation(new SQLException("fk", "23000", 1452))).isFalse();
        assertThat(SqlErrors.isUniqueViolation(new SQLException("fk", "23506", 23506))).isFalse();
        assertThat(SqlErrors.isUniqueViolation(new RuntimeException("no sql"))).isFalse();
    }
}
