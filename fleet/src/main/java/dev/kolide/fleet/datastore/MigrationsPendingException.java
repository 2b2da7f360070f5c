package dev.kolide.fleet.datastore;

import java.util.List;

/** The database schema is older than this fleet: {@code fleet serve} refuses to start until it is migrated. */
public class MigrationsPendingException extends RuntimeException {
    private final List<String> pending;

    /** @param pending "version description" of each migration not yet applied, in order */
    public MigrationsPendingException(List<String> pending) {
        super("the database is missing " + pending.size() + " migration" + (pending.size() == 1 ? "" : "s")
                + " (" + String.join(", ", pending) + "); run `fleet prepare db` to apply them");
        this.pending = List.copyOf(pending);
    }

    public List<String> pending() {
        return pending;
    }
}
