package dev.kolide.osquery.lite.sql;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Runs osquery SQL on SQLite. Each query gets a fresh in-memory database holding only the tables its text names:
 * every identifier in the SQL that is a known table name is read (with the constraints {@link ConstraintFinder}
 * can prove) and loaded, then the query runs as written. Over-matching (a column that shares a table's name)
 * costs a table read, never a wrong answer; a table is never missed, since SQLite can only use tables named in
 * the text. Nothing outlives the query, so queries run in parallel without sharing state.
 *
 * <p>ATTACH and DETACH are refused (they would reach the file system), as osquery's authorizer refuses them.
 */
public final class QueryEngine {
    private static final Pattern SQLITE_MESSAGE = Pattern.compile("\\((.*)\\)\\s*$", Pattern.DOTALL);

    private final TableCatalog catalog;
    private final SQLiteDataSource dataSource;

    public QueryEngine(TableCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        SQLiteConfig config = new SQLiteConfig();
        config.enableLoadExtension(false);
        this.dataSource = new SQLiteDataSource(config);
        this.dataSource.setUrl("jdbc:sqlite::memory:");
    }

    /** Runs {@code sql}. */
    public QueryResult query(String sql) throws QueryException {
        return execute(sql, true);
    }

    /** The result columns of {@code sql} with their types, reading no table. */
    public QueryResult columns(String sql) throws QueryException {
        return execute(sql, false);
    }

    private QueryResult execute(String sql, boolean withRows) throws QueryException {
        requireNonNull(sql, "sql is null");
        if (sql.isBlank()) {
            throw new QueryException("the query is empty");
        }
        List<SqlToken> tokens = SqlTokenizer.tokenize(sql);
        for (SqlToken token : tokens) {
            if (token.isWord("attach") || token.isWord("detach")) {
                throw new QueryException("not authorized: " + token.text().toUpperCase(Locale.ROOT));
            }
        }
        List<CatalogTable> tables = referencedTables(tokens);
        try (Connection connection = dataSource.getConnection()) {
            for (CatalogTable table : tables) {
                load(connection, table, withRows ? rows(tokens, table, tables) : List.of());
            }
            return run(connection, sql, withRows);
        } catch (SQLException e) {
            throw new QueryException(sqliteMessage(e), e);
        }
    }

    private List<CatalogTable> referencedTables(List<SqlToken> tokens) {
        Map<String, CatalogTable> tables = new LinkedHashMap<>();
        for (SqlToken token : tokens) {
            if (token.isName() && !tables.containsKey(token.name())) {
                catalog.find(token.name()).ifPresent(table -> tables.put(token.name(), table));
            }
        }
        return new ArrayList<>(tables.values());
    }

    private static List<Map<String, String>> rows(List<SqlToken> tokens, CatalogTable table, List<CatalogTable> all)
            throws QueryException {
        Set<String> otherColumns = new HashSet<>();
        for (CatalogTable other : all) {
            if (other != table) {
                other.columns().forEach(c -> otherColumns.add(c.name().toLowerCase(Locale.ROOT)));
            }
        }
        QueryContext context = ConstraintFinder.find(tokens, table.name().toLowerCase(Locale.ROOT), table.columns(),
                otherColumns);
        List<Map<String, String>> rows = table.generator().generate(context);
        return rows == null ? List.of() : rows;
    }

    private static void load(Connection connection, CatalogTable table, List<Map<String, String>> rows)
            throws SQLException {
        StringBuilder create = new StringBuilder("CREATE TABLE ").append(quote(table.name())).append(" (");
        StringBuilder insert = new StringBuilder("INSERT INTO ").append(quote(table.name())).append(" VALUES (");
        List<ColumnDefinition> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                create.append(", ");
                insert.append(", ");
            }
            // osquery's type names are valid SQLite declared types with the right affinity (BIGINT → INTEGER,
            // DOUBLE → REAL), and getQueryColumns reads them back as declared.
            create.append(quote(columns.get(i).name())).append(' ').append(columns.get(i).type().wireName());
            insert.append('?');
        }
        create.append(')');
        insert.append(')');
        try (Statement statement = connection.createStatement()) {
            statement.execute(create.toString());
        }
        if (rows.isEmpty()) {
            return;
        }
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement(insert.toString())) {
            for (Map<String, String> row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    statement.setString(i + 1, row.get(columns.get(i).name()));
                }
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static QueryResult run(Connection connection, String sql, boolean withRows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            boolean hasResults = statement.execute();
            if (!hasResults) {
                return new QueryResult(List.of(), List.of(), List.of());
            }
            try (ResultSet results = statement.getResultSet()) {
                ResultSetMetaData meta = results.getMetaData();
                int count = meta.getColumnCount();
                List<String> names = new ArrayList<>(count);
                for (int i = 1; i <= count; i++) {
                    names.add(meta.getColumnLabel(i));
                }
                List<Map<String, String>> rows = new ArrayList<>();
                List<String> types = null;
                while (results.next()) {
                    if (types == null) {
                        types = types(meta, count); // expression types come from the first row's values
                    }
                    if (!withRows) {
                        break;
                    }
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= count; i++) {
                        String value = results.getString(i);
                        row.put(names.get(i - 1), value == null ? "" : value);
                    }
                    rows.add(Collections.unmodifiableMap(row));
                }
                if (types == null) {
                    types = types(meta, count);
                }
                return new QueryResult(names, types, rows);
            }
        }
    }

    private static List<String> types(ResultSetMetaData meta, int count) throws SQLException {
        List<String> types = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String type = meta.getColumnTypeName(i);
            types.add(switch (type == null ? "" : type.toUpperCase(Locale.ROOT)) {
                case "FLOAT", "REAL" -> "DOUBLE";
                case "NULL", "", "NUMERIC" -> "TEXT";
                default -> type.toUpperCase(Locale.ROOT);
            });
        }
        return types;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** SQLite's own words ("no such table: x"), without the driver's "[SQLITE_ERROR] SQL error or ..." frame. */
    static String sqliteMessage(SQLException e) {
        String message = e.getMessage() == null ? "SQL error" : e.getMessage();
        Matcher matcher = SQLITE_MESSAGE.matcher(message);
        return matcher.find() ? matcher.group(1) : message;
    }
}
