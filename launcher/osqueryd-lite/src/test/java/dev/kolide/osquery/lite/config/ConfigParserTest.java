package dev.kolide.osquery.lite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigParserTest {
    private final ConfigParser parser = new ConfigParser(new ObjectMapper(), ":",
            path -> path.equals("/etc/osquery/packs/extra.conf")
                    ? Optional.of("{\"queries\":{\"uptime\":{\"query\":\"select * from uptime\",\"interval\":60}}}")
                    : Optional.empty());

    @Test
    void scheduleAndPacksBecomeOneScheduleWithPackQueriesNamedWithTheDelimiter() {
        OsqueryConfig config = parser.parse(Map.of("main", """
                {"schedule": {"procs": {"query": "select * from processes", "interval": 30, "snapshot": true}},
                 "packs": {
                   "kolide": {"queries": {"users": {"query": "select * from users", "interval": "120", "removed": false}}},
                   "mac": {"platform": "darwin", "queries": {"apps": {"query": "select 1", "interval": 10}}},
                   "extra": "/etc/osquery/packs/extra.conf"},
                 "options": {"distributed_interval": 5}}
                """));

        assertThat(config.schedule()).containsExactlyInAnyOrder(
                new ScheduledQuery("procs", "select * from processes", 30, true, true),
                new ScheduledQuery("pack:kolide:users", "select * from users", 120, false, false),
                new ScheduledQuery("pack:extra:uptime", "select * from uptime", 60, false, true));
        assertThat(config.options()).containsEntry("distributed_interval", "5");
        assertThat(config.hash()).hasSize(40);
    }

    @Test
    void sourcesMergeInNameOrderAndDecoratorsCollect() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("b", "{\"schedule\":{\"q\":{\"query\":\"select 2\",\"interval\":5}},"
                + "\"decorators\":{\"always\":[\"select 2 as two\"],\"interval\":{\"3600\":[\"select 3 as three\"]}}}");
        sources.put("a", "{\"schedule\":{\"q\":{\"query\":\"select 1\",\"interval\":5}},"
                + "\"decorators\":{\"load\":[\"select 1 as one\"]}}");

        OsqueryConfig config = parser.parse(sources);

        assertThat(config.schedule()).containsExactly(new ScheduledQuery("q", "select 2", 5, false, true));
        assertThat(config.decorators()).isEqualTo(new Decorators(List.of("select 1 as one"),
                List.of("select 2 as two"), Map.of(3600L, List.of("select 3 as three"))));
    }

    @Test
    void aSourceThatIsNotJsonOrAMissingPackFileIsRefusedNamingIt() {
        assertThatThrownBy(() -> parser.parse(Map.of("main", "{schedule")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("config source main is not valid JSON");
        assertThatThrownBy(() -> parser.parse(Map.of("main", "{\"packs\":{\"x\":\"/nowhere.conf\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/nowhere.conf");
    }

    @ParameterizedTest
    @CsvSource({"linux, true", "posix, true", "'darwin,linux', true", "all, true", "'', true", "windows, false",
            "darwin, false"})
    void onlyQueriesForThisPlatformRun(String platform, boolean runs) {
        assertThat(ConfigParser.runsHere(platform)).isEqualTo(runs);
    }
}
