package dev.kolide.osquery.lite.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryEngineTest {
    private final List<String> generated = new ArrayList<>();
    private final List<QueryContext> contexts = new ArrayList<>();
    private final Map<String, CatalogTable> tables = Map.of(
            "people", new CatalogTable("people", List.of(ColumnDefinition.text("name"), ColumnDefinition.bigint("age"),
                    ColumnDefinition.doubleColumn("score")), context -> {
                        generated.add("people");
                        contexts.add(context);
                        return List.of(Map.of("name", "ann", "age", "30", "score", "1.5"),
                                Map.of("name", "bob", "age", "9", "score", "2"));
                    }),
            "pets", new CatalogTable("pets", List.of(ColumnDefinition.text("owner"), ColumnDefinition.text("kind")),
                    context -> {
                        generated.add("pets");
                        return List.of(Map.of("owner", "ann", "kind", "cat"));
                    }),
            "broken", new CatalogTable("broken", List.of(ColumnDefinition.text("x")), context -> {
                throw new QueryException("table broken: error generating table: disk on fire");
            }));
    private final QueryEngine engine = new QueryEngine(name -> Optional.ofNullable(tables.get(name)));

    @Test
    void columnsGetTheirTypeAffinitySoNumbersCompareAsNumbers() throws Exception {
        QueryResult result = engine.query("select name from people where age > 10");

        assertThat(result.rows()).containsExactly(Map.of("name", "ann"));
    }

    @Test
    void onlyTheTablesTheQueryNamesAreRead() throws Exception {
        engine.query("select count(*) as n from people");
        assertThat(generated).containsExactly("people");

        generated.clear();
        QueryResult joined = engine.query(
                "select p.name, x.kind from people p join pets x on x.owner = p.name");
        assertThat(generated).containsExactlyInAnyOrder("people", "pets");
        assertThat(joined.rows()).containsExactly(Map.of("name", "ann", "kind", "cat"));
    }

    @Test
    void constraintsReachTheTable() throws Exception {
        engine.query("select * from people where name = 'bob'");

        assertThat(contexts.get(0).constraintsOn("name").equalities()).containsExactly("bob");
        assertThat(contexts.get(0).constraintsOn("name").affinity()).isEqualTo("TEXT");
    }

    @Test
    void valuesComeBackAsTextWithNullAsEmpty() throws Exception {
        QueryResult result = engine.query("select age, score, null as missing, 'x' || name as tag from people "
                + "where name = 'ann'");

        assertThat(result.rows()).containsExactly(Map.of("age", "30", "score", "1.5", "missing", "", "tag", "xann"));
        assertThat(result.columns()).containsExactly("age", "score", "missing", "tag");
    }

    @Test
    void columnTypesAreOsquerysDeclaredTypesAndNoTableIsReadForThem() throws Exception {
        QueryResult result = engine.columns("select name, age, score from people");

        assertThat(result.types()).containsExactly("TEXT", "BIGINT", "DOUBLE");
        assertThat(generated).isEmpty();
    }

    @Test
    void sqlErrorsCarrySqlitesOwnMessage() {
        assertThatThrownBy(() -> engine.query("select * from nowhere")).isInstanceOf(QueryException.class)
                .hasMessage("no such table: nowhere");
        assertThatThrownBy(() -> engine.query("select nope from people")).isInstanceOf(QueryException.class)
                .hasMessage("no such column: nope");
        assertThatThrownBy(() -> engine.query("  ")).isInstanceOf(QueryException.class)
                .hasMessage("the query is empty");
    }

    @Test
    void aTableThatFailsFailsTheQueryWithItsMessage() {
        assertThatThrownBy(() -> engine.query("select * from broken")).isInstanceOf(QueryException.class)
                .hasMessage("table broken: error generating table: disk on fire");
    }

    @Test
    void attachIsRefusedBeforeItCanReachTheFileSystem() {
        assertThatThrownBy(() -> engine.query("attach database '/tmp/x.db' as x")).isInstanceOf(QueryException.class)
                .hasMessage("not authorized: ATTACH");
    }

    @Test
    void eachQueryGetsAFreshDatabase() throws Exception {
        engine.query("create table scratch (a text)");

        assertThatThrownBy(() -> engine.query("select * from scratch")).isInstanceOf(QueryException.class)
                .hasMessage("no such table: scratch");
    }
}
