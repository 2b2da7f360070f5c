package dev.kolide.fleet.datastore.testing;

import dev.kolide.fleet.datastore.mysql.Database;

/** A database made for one test class; closing it closes the pool, then drops the database or its directory. */
public final class TestDatabase implements AutoCloseable {
    private final Database database;
    private final Runnable dispose;

    public TestDatabase(Database database, Runnable dispose) {
        this.database = database;
        this.dispose = dispose;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            dispose.run();
        }
    }
}
