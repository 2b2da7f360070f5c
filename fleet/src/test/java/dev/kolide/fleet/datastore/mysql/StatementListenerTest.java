package dev.kolide.fleet.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.datastore.AlreadyExistsException;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.NewLabel;
import dev.kolide.fleet.domain.NewPack;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A datastore built with a listener reports each statement it sends, so tests can count them. */
class StatementListenerTest extends DatastoreTestBase {
    private final List<String> statements = new CopyOnWriteArrayList<>();
    private MysqlDatastore counted;

    @BeforeEach
    void countingDatastore() {
        statements.clear();
        // Not closed: it shares the suite's pool, which the base closes.
        counted = new MysqlDatastore(testDatabase.database(), clock, statements::add);
    }

    @Test
    void eachStatementIsReportedOnceWithItsPlaceholdersNotItsValues() {
        Host host = counted.hosts().enroll("uuid-1", "secret-node-key", "default");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0)).startsWith("INSERT INTO hosts").contains(":nodeKey");
        assertThat(String.join("\n", statements)).doesNotContain("secret-node-key");

        statements.clear();
        counted.hosts().findByNodeKey("secret-node-key");
        assertThat(statements).hasSize(1);

        long label = ds.labels().create(NewLabel.dynamic("web", "select 1;")).id();
        statements.clear();
        counted.labels().recordResults(host.id(), Map.of(label, true, 404L, false), T0);
        assertThat(statements).as("upsert members, delete non-members, set label_updated_at").hasSize(3);
    }

    @Test
    void aBatchCountsOnceAndAFailedStatementCountsToo() {
        Host host = enroll("a");
        long pack = ds.packs().create(NewPack.named("p")).id();
        statements.clear();

        counted.packs().replaceTargets(pack, Set.of(1L, 2L, 3L), Set.of(host.id()));
        assertThat(statements).as("pack check, delete, one batch of inserts").hasSize(3);

        statements.clear();
        assertThatThrownBy(() -> counted.packs().create(NewPack.named("p"))).isInstanceOf(AlreadyExistsException.class);
        assertThat(statements).hasSize(1);
        assertThat(ds.hosts().find(host.id())).isPresent();
    }

    @Test
    void theDatastoreWithoutAListenerReportsNothing() {
        ds.hosts().findByNodeKey("nobody");

        assertThat(statements).isEmpty();
    }
}
