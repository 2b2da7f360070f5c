package dev.kolide.osquery.lite.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.Constraint;
import dev.kolide.osquery.sdk.plugin.ConstraintList;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which constraints a table's generate call gets for a query: only those every usable row must satisfy. */
class ConstraintFinderTest {
    private static final List<ColumnDefinition> FILE_COLUMNS = List.of(ColumnDefinition.text("path"),
            ColumnDefinition.bigint("size"), ColumnDefinition.text("pid"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "select * from file where path = '/etc/hosts'                        | path EQUALS /etc/hosts",
        "SELECT * FROM file WHERE path = '/a' AND size > 10                   | path EQUALS /a; size GREATER_THAN 10",
        "select * from file where 10 < size                                   | size GREATER_THAN 10",
        "select * from file f where f.path like '/tmp/%'                      | path LIKE /tmp/%",
        "select * from file as f where f.size >= -5                           | size GREATER_THAN_OR_EQUALS -5",
        "select * from file where path in ('/a', '/b') and size <= 3          | path EQUALS /a; path EQUALS /b; size LESS_THAN_OR_EQUALS 3",
        "select * from file where (path = 'it''s')                            | path EQUALS it's",
        "select p.name from processes p join file on file.path = p.path where file.size = 1 | size EQUALS 1",
        "select * from file where path = '/a' or path = '/b'                  | ''",
        "select * from file where not path = '/a'                             | ''",
        "select * from file where size between 1 and 5                        | ''",
        "select * from file where path = '/a' union select * from file        | ''",
        "select path = '/a' from file                                         | ''",
        "select * from file where path = other_column                         | ''",
        "select * from file where upper(path) = '/A'                          | ''",
        "select * from file where path is null                                | ''",
        "select * from file where pid = 1                                     | ''",
        "select * from file where path in (select path from other)            | ''",
        "select * from other where x in (select path from file where size = 7) | size EQUALS 7",
        "select * from file order by path limit 1                             | ''",
    })
    void findsOnlyConstraintsThatHoldForEveryRowTheQueryUses(String sql, String expected) {
        // "pid" is also a column of processes (named in one query) and so ambiguous when unqualified
        QueryContext context = ConstraintFinder.find(SqlTokenizer.tokenize(sql), "file", FILE_COLUMNS,
                sql.contains("processes") ? Set.of("pid", "name", "path") : Set.of("pid"));

        assertThat(describe(context)).isEqualTo(expected.isEmpty() ? "" : expected);
    }

    private static String describe(QueryContext context) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, ConstraintList> entry : context.constraints().entrySet()) {
            for (Constraint constraint : entry.getValue().constraints()) {
                parts.add(entry.getKey() + " " + constraint.operator() + " " + constraint.expression());
            }
        }
        return String.join("; ", parts);
    }
}
