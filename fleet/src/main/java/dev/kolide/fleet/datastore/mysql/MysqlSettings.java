package dev.kolide.fleet.datastore.mysql;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How to reach MySQL/MariaDB: Kolide Fleet's {@code mysql.*} settings.
 *
 * @param address {@code host:port}
 * @param maxOpenConns pool size
 * @param maxIdleConns connections kept open when idle (at most maxOpenConns)
 * @param connMaxLifetime connections are replaced after this long; zero = never (at least 30 s otherwise,
 *     HikariCP's floor)
 */
public record MysqlSettings(
        String address,
        String username,
        String password,
        String database,
        int maxOpenConns,
        int maxIdleConns,
        Duration connMaxLifetime) {

    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._-]+:[0-9]{1,5}|\\[[0-9A-Fa-f:.]+\\]:[0-9]{1,5}");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$]{1,64}");

    public MysqlSettings {
        requireNonNull(address, "address is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(database, "database is null");
        requireNonNull(connMaxLifetime, "connMaxLifetime is null");
        // Both end up in the JDBC URL: refuse anything that could add URL parameters.
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("mysql address must be host:port, got \"" + address + "\"");
        }
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("mysql database name must be letters, digits, _ or $, got \""
                    + database + "\"");
        }
        if (maxOpenConns < 1) {
            throw new IllegalArgumentException("mysql max_open_conns must be at least 1, got " + maxOpenConns);
        }
        if (maxIdleConns < 0) {
            throw new IllegalArgumentException("mysql max_idle_conns must not be negative, got " + maxIdleConns);
        }
        if (connMaxLifetime.isNegative()
                || (!connMaxLifetime.isZero() && connMaxLifetime.compareTo(Duration.ofSeconds(30)) < 0)) {
            throw new IllegalArgumentException("mysql conn_max_lifetime must be 0 (never) or at least 30s, got "
                    + connMaxLifetime);
        }
    }

    /** Kolide Fleet's defaults: localhost:3306, user/password/database kolide, 50 connections. */
    public static MysqlSettings defaults() {
        return new MysqlSettings("localhost:3306", "kolide", "kolide", "kolide", 50, 50, Duration.ZERO);
    }

    /** The JDBC URL (no credentials). */
    public String jdbcUrl() {
        return "jdbc:mariadb://" + address + "/" + database;
    }

    /** Leaves out the password. */
    @Override
    public String toString() {
        return "MysqlSettings[" + username + "@" + address + "/" + database + ", maxOpenConns=" + maxOpenConns
                + ", maxIdleConns=" + maxIdleConns + ", connMaxLifetime=" + connMaxLifetime + "]";
    }
}
