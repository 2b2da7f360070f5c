package dev.kolide.fleet.datastore.testing;

import dev.kolide.fleet.datastore.mysql.Database;
import dev.kolide.fleet.datastore.mysql.MysqlSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The engines every datastore test runs against: an embedded H2 in a temporary directory, and the real MariaDB
 * on 127.0.0.1:3306 (or FLEET_TEST_MYSQL_ADDRESS; user root, no password) in a database of its own,
 * {@code fleet_test_<random>}. When MariaDB is unreachable its tests are skipped, unless the environment
 * variable CI is set: then they fail. Shared by the datastore suite and the service tests that run on the datastore.
 */
public enum TestEngine {
    H2 {
        @Override
        public TestDatabase create() {
            try {
                Path directory = Files.createTempDirectory("fleet-h2-test-");
                return new TestDatabase(Database.embedded(directory), () -> deleteTree(directory));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    },
    MARIADB {
        @Override
        public TestDatabase create() {
            String name = "fleet_test_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
            try (Connection server = DriverManager.getConnection(serverUrl(), "root", "");
                    Statement statement = server.createStatement()) {
                statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            } catch (SQLException e) {
                String why = "MariaDB on " + address() + " is unreachable (" + e.getMessage() + ")";
                if (System.getenv("CI") != null) {
                    throw new AssertionError(why + " and CI is set: the MariaDB tests must run", e);
                }
                Assumptions.abort(why + "; skipping the MariaDB tests (set CI to make this a failure)");
            }
            Database database = Database.mysql(new MysqlSettings(address(), "root", "", name, 4, 1, Duration.ZERO));
            return new TestDatabase(database, () -> {
                try (Connection server = DriverManager.getConnection(serverUrl(), "root", "");
                        Statement statement = server.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + name);
                } catch (SQLException e) {
                    throw new IllegalStateException("dropping test database " + name, e);
                }
            });
        }
    };

    /** host:port of the test MariaDB; FLEET_TEST_MYSQL_ADDRESS overrides 127.0.0.1:3306. */
    public static String address() {
        String address = System.getenv("FLEET_TEST_MYSQL_ADDRESS");
        return address == null || address.isBlank() ? "127.0.0.1:3306" : address;
    }

    private static String serverUrl() {
        return "jdbc:mariadb://" + address() + "/";
    }

    /** A new, empty (unmigrated) database on this engine. */
    public abstract TestDatabase create();

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
