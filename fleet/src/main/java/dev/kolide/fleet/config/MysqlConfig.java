package dev.kolide.fleet.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * {@code mysql.*}: where fleet keeps its state.
 *
 * @param maxIdleConns a value above {@code maxOpenConns} acts as {@code maxOpenConns}, as in Go's database/sql
 * @param connMaxLifetime zero means connections live as long as they work
 */
public record MysqlConfig(HostPort address, String username, Secret password, String database, int maxOpenConns,
        int maxIdleConns, Duration connMaxLifetime) {
    public MysqlConfig {
        requireNonNull(address, "address is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(database, "database is null");
        requireNonNull(connMaxLifetime, "connMaxLifetime is null");
    }
}
