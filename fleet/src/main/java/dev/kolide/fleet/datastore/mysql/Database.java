package dev.kolide.fleet.datastore.mysql;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kolide.fleet.datastore.DatastoreException;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * A pooled connection to fleet's database: MySQL/MariaDB, or an embedded H2 file database in MySQL mode for
 * development and single-node installs. Both speak the one SQL dialect the stores and migrations use; every
 * connection runs in UTC. Closing it closes the pool (and, for H2, the database).
 */
public final class Database implements AutoCloseable {

    /** Which engine is behind the pool. */
    public enum Engine { MYSQL, H2 }

    private final HikariDataSource dataSource;
    private final Engine engine;
    private final String description;

    private Database(HikariDataSource dataSource, Engine engine, String description) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.description = description;
    }

    /** Connects to MySQL/MariaDB; fails (DatastoreException) when the server cannot be reached. */
    public static Database mysql(MysqlSettings settings) {
        requireNonNull(settings, "settings is null");
        HikariConfig config = new HikariConfig();
        config.setPoolName("fleet-mysql");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxOpenConns());
        config.setMinimumIdle(Math.min(settings.maxIdleConns(), settings.maxOpenConns()));
        config.setMaxLifetime(settings.connMaxLifetime().toMillis());
        // DATETIME columns hold UTC; NOW() and CURRENT_TIMESTAMP (used by seed migrations) must agree.
        config.setConnectionInitSql("SET time_zone = '+00:00'");
        String description = "mysql " + settings.username() + "@" + settings.address() + "/" + settings.database();
        return new Database(open(config, description), Engine.MYSQL, description);
    }

    /**
     * Opens (creating if needed) the H2 database {@code <directory>/fleet.mv.db}. Only this process may open it.
     */
    public static Database embedded(Path directory) {
        requireNonNull(directory, "directory is null");
        Path base = directory.toAbsolutePath().resolve("fleet");
        HikariConfig config = new HikariConfig();
        config.setPoolName("fleet-h2");
        // MODE=MySQL for the dialect; DATABASE_TO_LOWER so unquoted names read back as written in lower case,
        // as MariaDB returns them; DB_CLOSE_ON_EXIT=FALSE so that closing the pool, not a JVM hook, closes it.
        config.setJdbcUrl("jdbc:h2:file:" + base + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionInitSql("SET TIME ZONE 'UTC'");
        String description = "embedded h2 " + base;
        return new Database(open(config, description), Engine.H2, description);
    }

    private static HikariDataSource open(HikariConfig config, String description) {
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatastoreException("connecting to " + description, e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Engine engine() {
        return engine;
    }

    /** For logs: engine, user, address and database; never the password. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    @Override
    public String toString() {
        return description;
    }
}
