package dev.kolide.fleet.transport.http.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.kolide.fleet.transport.http.errors.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonCodecTest {

    private final JsonCodec codec = new JsonCodec();

    enum LogType {
        @JsonProperty("result") RESULT,
        @JsonProperty("status") STATUS
    }

    record LogRequest(String nodeKey, LogType logType, List<String> data, int count, Instant seenTime,
            Map<String, Map<String, String>> hostDetails, Map<String, Integer> statuses) {}

    record Host(long id, String osqueryVersion, Instant detailUpdatedAt, String primaryIp) {}

    @Test
    void recordsAreWrittenInSnakeCaseWithRfc3339Times() {
        Host host = new Host(7, "4.9.0", Instant.parse("2026-11-27T02:19:05Z"), null);

        assertThat(new String(codec.encode(host), StandardCharsets.UTF_8)).isEqualTo(
                "{\"id\":7,\"osquery_version\":\"4.9.0\",\"detail_updated_at\":\"2026-11-27T02:19:05Z\","
                        + "\"primary_ip\":null}");
    }

    @Test
    void fractionsOfASecondAreWrittenOnlyWhenPresent() {
        String json = new String(codec.encode(Map.of("t", Instant.parse("2026-11-27T02:19:05.250Z"))),
                StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"t\":\"2026-11-27T02:19:05.250Z\"}");
    }

    @Test
    void snakeCaseFieldsAreReadIntoRecordsAndUnknownFieldsIgnored() {
        LogRequest request = decode("""
                {"node_key":"abc","log_type":"status","data":["x","y"],"count":3,
                 "seen_time":"2026-11-27T04:19:05+02:00","something_new":{"nested":[1,2]},
                 "host_details":{"os_version":{"name":"Ubuntu"}},"statuses":{"q1":0,"q2":"1"}}""");

        assertThat(request.nodeKey()).isEqualTo("abc");
        assertThat(request.logType()).isEqualTo(LogType.STATUS);
        assertThat(request.data()).containsExactly("x", "y");
        assertThat(request.count()).isEqualTo(3);
        assertThat(request.seenTime()).isEqualTo(Instant.parse("2026-11-27T02:19:05Z"));
        assertThat(request.hostDetails()).isEqualTo(Map.of("os_version", Map.of("name", "Ubuntu")));
        // osquery sends statuses as numbers or as numeric strings.
        assertThat(request.statuses()).isEqualTo(Map.of("q1", 0, "q2", 1));
    }

    @Test
    void genericTypesDecodeThroughATypeReference() {
        List<Host> hosts = codec.decode("[{\"id\":1},{\"id\":2}]".getBytes(StandardCharsets.UTF_8),
                new TypeReference<List<Host>>() {});

        assertThat(hosts).extracting(Host::id).containsExactly(1L, 2L);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                                       | the request body is empty; expected JSON
            {"node_key": 123}                        | field node_key must be a string; got 123
            {"node_key": true}                       | field node_key must be a string; got true
            {"node_key": {"a": 1}}                   | field node_key must be a string
            {"node_key": "a",}                       | invalid JSON at line 1 column 18: Unexpected character ('}' (code 125)): was expecting double-quote to start field name
            {"node_key": "a"                         | invalid JSON at line 1 column 17: unexpected end of input
            nonsense                                 | invalid JSON at line 1 column 1: Unrecognized token 'nonsense': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
            []                                       | the request body must be an object
            "a string"                               | the request body must be an object
            {"count": "abc"}                         | field count must be an integer; got "abc"
            {"count": 1.5e400}                       | field count: number out of range
            {"count": 99999999999}                   | field count: number out of range
            {"log_type": "nope"}                     | field log_type must be one of [result, status]; got "nope"
            {"data": {}}                             | field data must be an array
            {"data": ["a", 2]}                       | field data[1] must be a string; got 2
            {"seen_time": "yesterday"}               | field seen_time must be an RFC 3339 time such as "2026-11-27T02:19:05Z"; got "yesterday"
            {"host_details": {"os_version": {"name": 5}}} | field host_details.os_version.name must be a string; got 5
            {"statuses": {"q": "zero"}}              | field statuses.q must be an integer; got "zero"
            {"node_key": "a"} {"node_key": "b"}      | invalid JSON at line 1 column 19: more than one JSON value
            """)
    void decodingFailuresSayWhereAndWhat(String json, String message) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOf(BadRequestException.class)
                .hasMessage(message);
    }

    record Page(int size) {
        Page {
            if (size < 1) {
                throw new IllegalArgumentException("size must be at least 1");
            }
        }
    }

    @Test
    void aRecordRefusingItsValuesIsABadRequestWithItsReason() {
        assertThatThrownBy(() -> codec.decode("{\"size\":0}".getBytes(StandardCharsets.UTF_8), Page.class))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("invalid request body: size must be at least 1");
    }

    @Test
    void decodingFailuresNeverNameJavaClasses() {
        assertThatThrownBy(() -> decode("{\"log_type\": \"nope\"}"))
                .hasMessageNotContaining("dev.kolide")
                .hasMessageNotContaining("java.");
        assertThatThrownBy(() -> decode("[1]"))
                .hasMessageNotContaining("LogRequest")
                .hasMessageNotContaining("java.");
    }

    private LogRequest decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8), LogRequest.class);
    }
}
