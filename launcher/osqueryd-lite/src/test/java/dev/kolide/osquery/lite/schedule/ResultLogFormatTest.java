package dev.kolide.osquery.lite.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Byte-exact result log lines: what fleet and every osquery log consumer parse. */
class ResultLogFormatTest {
    private final ObjectMapper json = new ObjectMapper();

    private static ResultLogFormat.Header header(Map<String, String> decorations) {
        return new ResultLogFormat.Header("pack:p:q", "host-1", Instant.parse("2022-01-03T12:00:05Z"), 0, 3,
                decorations, Map.of("pid", "BIGINT", "name", "TEXT"));
    }

    @Test
    void aDifferentialLineHasOsquerysFieldsInOrderWithSortedColumns() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("pid", "12");
        row.put("name", "sshd");

        List<String> lines = new ResultLogFormat(json, false).differential(header(Map.of("site", "lab")), List.of(row),
                List.of());

        assertThat(lines).containsExactly("{\"name\":\"pack:p:q\",\"hostIdentifier\":\"host-1\","
                + "\"calendarTime\":\"Mon Jan  3 12:00:05 2022 UTC\",\"unixTime\":1641211205,\"epoch\":0,\"counter\":3,"
                + "\"numerics\":false,\"decorations\":{\"site\":\"lab\"},\"columns\":{\"name\":\"sshd\",\"pid\":\"12\"},"
                + "\"action\":\"added\"}");
    }

    @Test
    void numericsWritesNumericColumnsAsNumbersAndLeavesOutEmptyDecorations() {
        String line = new ResultLogFormat(json, true).differential(header(Map.of()),
                List.of(), List.of(Map.of("pid", "12", "name", "42"))).get(0);

        assertThat(line).contains("\"numerics\":true", "\"columns\":{\"name\":\"42\",\"pid\":12}",
                "\"action\":\"removed\"").doesNotContain("decorations");
    }

    @Test
    void aSnapshotCarriesAllRowsUnderSnapshot() {
        String line = new ResultLogFormat(json, false).snapshot(header(Map.of()),
                List.of(Map.of("pid", "1", "name", "init"), Map.of("pid", "2", "name", "kthreadd")));

        assertThat(line).endsWith(",\"snapshot\":[{\"name\":\"init\",\"pid\":\"1\"},{\"name\":\"kthreadd\","
                + "\"pid\":\"2\"}],\"action\":\"snapshot\"}");
    }

    @ParameterizedTest
    @CsvSource({"2022-01-03T12:00:05Z, Mon Jan  3 12:00:05 2022 UTC", "2021-09-21T22:14:29Z, Tue Sep 21 22:14:29 2021 UTC"})
    void calendarTimeIsAsctimeInUtc(String instant, String text) {
        assertThat(AsciiTime.format(Instant.parse(instant))).isEqualTo(text);
    }

    @Test
    void differentialsCountDuplicateRows() {
        Map<String, String> a = Map.of("x", "1");
        Map<String, String> b = Map.of("x", "2");

        Differential diff = Differential.between(List.of(a, a, b), List.of(a, b, b));

        assertThat(diff.added()).containsExactly(b);
        assertThat(diff.removed()).containsExactly(a);
        assertThat(Differential.between(List.of(a, b), List.of(b, a)).isEmpty()).isTrue();
    }
}
