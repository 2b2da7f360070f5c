package dev.kolide.fleet.service.osquery.testing;

import dev.kolide.fleet.datastore.mysql.StatementListener;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the SQL the datastore sends (through its {@link StatementListener}), for statement budgets. */
public final class StatementCounter implements StatementListener {
    private final List<String> statements = new CopyOnWriteArrayList<>();

    @Override
    public void executed(String sql) {
        statements.add(sql.strip());
    }

    public void reset() {
        statements.clear();
    }

    /** Statements since the last reset. */
    public List<String> statements() {
        return List.copyOf(statements);
    }

    public int count() {
        return statements.size();
    }

    /** Statements that change data (INSERT, UPDATE, DELETE). */
    public List<String> writes() {
        return statements.stream().filter(sql -> {
            String verb = sql.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            return verb.equals("INSERT") || verb.equals("UPDATE") || verb.equals("DELETE");
        }).toList();
    }
}
