package dev.kolide.cmd.fleet;

import dev.kolide.fleet.config.FleetConfig;
import dev.kolide.fleet.config.MysqlConfig;
import dev.kolide.fleet.datastore.mysql.Database;
import dev.kolide.fleet.datastore.mysql.MysqlSettings;

/** Opens the database the configuration names: MySQL/MariaDB, or the embedded one under --dev. */
final class Datastores {
    private Datastores() {}

    static Database open(FleetConfig config) {
        if (config.dev().enabled()) {
            return Database.embedded(config.dev().dataDir().resolve("db"));
        }
        MysqlConfig mysql = config.mysql();
        return Database.mysql(new MysqlSettings(mysql.address().toString(), mysql.username(),
                mysql.password().reveal(), mysql.database(), mysql.maxOpenConns(),
                Math.min(mysql.maxIdleConns(), mysql.maxOpenConns()), mysql.connMaxLifetime()));
    }
}
