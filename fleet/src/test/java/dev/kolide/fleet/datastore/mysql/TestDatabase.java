package dev.kolide.fleet.datastore.mysql;

/**
 * A database made for one test class; closing it closes the pool, then drops the database or its directory.
 * Public for the service and transport tests that run on a real datastore.
 */
public final class TestDatabase implements AutoCloseable {
    private final Database database;
    private final Runnable dispose;

    TestDatabase(Database database, Runnable dispose) {
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
