package dev.kolide.cmd.fleetctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetctl query} end to end against {@link ScriptedLiveQueryFleet}, since fleet's own live-query routes
 * are not there yet: what it posts, what it says on the socket, what it prints and how it exits.
 */
@Timeout(60)
class QueryCommandTest {
    private static final String TOTALS =
            "{\"type\":\"totals\",\"data\":{\"count\":3,\"online\":2,\"offline\":1,\"missing_in_action\":0}}";

    @TempDir
    Path home;

    private static String result(String hostname, String rows) {
        return "{\"type\":\"result\",\"data\":{\"distributed_query_execution_id\":9,\"host\":{\"hostname\":\""
                + hostname + "\"},\"rows\":" + rows + ",\"error\":null}}";
    }

    private FleetctlRunner loggedInTo(ScriptedLiveQueryFleet fleet) {
        FleetctlRunner fleetctl = new FleetctlRunner(home);
        assertThat(fleetctl.run("config", "set", "--address", fleet.address(), "--token", "tok").code()).isZero();
        return fleetctl;
    }

    @Test
    void withExitItPrintsEachHostsRowsAndStopsWhenEveryOnlineHostAnswered() throws Exception {
        try (ScriptedLiveQueryFleet fleet = new ScriptedLiveQueryFleet(List.of(TOTALS,
                result("web-01", "[{\"version\":\"22.04\"}]"), result("db-01", "[]")), false)) {
            FleetctlRunner fleetctl = loggedInTo(fleet);

            FleetctlRunner.Run run = fleetctl.run("query", "--hosts", "web-01,db-01", "--labels", "ubuntu",
                    "--query", "SELECT version FROM os_version;", "--exit", "--timeout", "20s");

            assertThat(run.code()).as("%s", run).isZero();
            assertThat(run.out().split("\\R")).containsExactly(
                    "{\"host\":\"web-01\",\"rows\":[{\"version\":\"22.04\"}]}",
                    "{\"host\":\"db-01\",\"rows\":[]}");
            assertThat(run.err()).contains("2/2 online hosts responded (3 targeted)").doesNotContain("tok");
            assertThat(fleet.requests.get(0)).startsWith("POST /api/v1/kolide/queries/run_by_names ");
            assertThat(fleet.bodies.get(0)).contains("\"query\":\"SELECT version FROM os_version;\"",
                    "\"hosts\":[\"web-01\",\"db-01\"]", "\"labels\":[\"ubuntu\"]");
            assertThat(fleet.requests.get(1)).startsWith("GET /api/v1/kolide/results/websocket ");
            assertThat(fleet.socketMessages).containsExactly("{\"type\":\"auth\",\"data\":{\"token\":\"tok\"}}",
                    "{\"type\":\"select_campaign\",\"data\":{\"campaign_id\":42}}");
        }
    }

    @Test
    void withExitATimeoutBeforeEveryHostAnsweredExitsOne() throws Exception {
        try (ScriptedLiveQueryFleet fleet = new ScriptedLiveQueryFleet(List.of(TOTALS,
                result("web-01", "[]")), false)) {
            FleetctlRunner fleetctl = loggedInTo(fleet);

            FleetctlRunner.Run run = fleetctl.run("query", "--hosts", "web-01,db-01", "--query", "SELECT 1;",
                    "--exit", "--timeout", "2s", "--quiet");

            assertThat(run.code()).isEqualTo(1);
            assertThat(run.out().lines()).hasSize(1);
            assertThat(run.err()).isEmpty();
        }
    }

    @Test
    void theServersErrorOnTheSocketIsShownAsItsMessage() throws Exception {
        try (ScriptedLiveQueryFleet fleet = new ScriptedLiveQueryFleet(List.of(
                "{\"type\":\"error\",\"data\":\"campaign 42 not found\"}"), false)) {
            FleetctlRunner fleetctl = loggedInTo(fleet);

            FleetctlRunner.Run run = fleetctl.run("query", "--hosts", "web-01", "--query", "SELECT 1;",
                    "--timeout", "10s");

            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).contains("fleetctl: live query: fleet says: campaign 42 not found")
                    .doesNotContain("Exception");
        }
    }
}
