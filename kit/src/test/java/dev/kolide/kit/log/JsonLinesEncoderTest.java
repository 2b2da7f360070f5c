package dev.kolide.kit.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

class JsonLinesEncoderTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final CapturedLog captured = new CapturedLog(LogSetup.withFormat(LogFormat.JSON));
    private final Logger log = captured.logger("dev.kolide.fleet.FleetServer");

    @AfterEach
    void tearDown() {
        MDC.clear();
        captured.close();
    }

    private JsonNode onlyObject() throws Exception {
        return mapper.readTree(captured.onlyLine());
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void objectHasFixedKeysFirstThenKeyValuesMdcAndLogger() throws Exception {
        MDC.put("request_id", "abc");
        log.atInfo().addKeyValue("addr", ":8080").log("listening");

        JsonNode line = onlyObject();
        assertThat(keys(line)).containsExactly("ts", "level", "caller", "msg", "addr", "request_id", "logger");
        assertThat(line.get("level").asText()).isEqualTo("info");
        assertThat(line.get("caller").asText()).matches("JsonLinesEncoderTest\\.java:\\d+");
        assertThat(line.get("msg").asText()).isEqualTo("listening");
        assertThat(line.get("addr").asText()).isEqualTo(":8080");
        assertThat(line.get("request_id").asText()).isEqualTo("abc");
        assertThat(line.get("logger").asText()).isEqualTo("FleetServer");
    }

    @Test
    void tsIsUtcIsoWithMillisecondsAndCloseToNow() throws Exception {
        Instant before = Instant.now();
        log.info("now");

        String ts = onlyObject().get("ts").asText();
        assertThat(ts).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(ts)).isBetween(before.minusMillis(1), Instant.now());
    }

    @Test
    void numbersAndBooleansStayTypedOtherValuesBecomeStrings() throws Exception {
        log.atInfo()
                .addKeyValue("hosts", 3)
                .addKeyValue("ratio", 0.5)
                .addKeyValue("online", true)
                .addKeyValue("path", java.nio.file.Path.of("/var/osquery"))
                .addKeyValue("missing", (Object) null)
                .log("stats");

        JsonNode line = onlyObject();
        assertThat(line.get("hosts").isInt()).isTrue();
        assertThat(line.get("hosts").asInt()).isEqualTo(3);
        assertThat(line.get("ratio").asDouble()).isEqualTo(0.5);
        assertThat(line.get("online").isBoolean()).isTrue();
        assertThat(line.get("path").asText()).isEqualTo("/var/osquery");
        assertThat(line.get("missing").isNull()).isTrue();
    }

    @Test
    void exceptionGivesErrAndStackTraceWithCause() throws Exception {
        log.atError().setCause(new IllegalStateException("boom", new java.io.IOException("root cause")))
                .log("saving host");

        JsonNode line = onlyObject();
        assertThat(line.get("err").asText()).isEqualTo("boom");
        assertThat(line.get("stacktrace").asText())
                .startsWith("java.lang.IllegalStateException: boom\n\tat dev.kolide.kit.log.JsonLinesEncoderTest")
                .contains("Caused by: java.io.IOException: root cause");
    }

    @Test
    void newlinesInValuesStayInsideOneLine() throws Exception {
        log.atInfo().addKeyValue("query", "select *\nfrom processes;").log("first\nsecond");

        JsonNode line = onlyObject();
        assertThat(line.get("msg").asText()).isEqualTo("first\nsecond");
        assertThat(line.get("query").asText()).isEqualTo("select *\nfrom processes;");
    }

    @Test
    void repeatedKeysAreRenamedSoTheObjectKeepsEveryValue() throws Exception {
        MDC.put("request_id", "from-mdc");
        log.atInfo().addKeyValue("level", "user").addKeyValue("request_id", "explicit").log("x");

        JsonNode line = onlyObject();
        assertThat(line.get("level").asText()).isEqualTo("info");
        assertThat(line.get("level_2").asText()).isEqualTo("user");
        assertThat(line.get("request_id").asText()).isEqualTo("explicit");
        assertThat(line.get("request_id_2").asText()).isEqualTo("from-mdc");
    }

    @Test
    void brokenToStringDoesNotLoseTheLine() throws Exception {
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        };
        log.atInfo().addKeyValue("thing", broken).log("still here");

        JsonNode line = onlyObject();
        assertThat(line.get("msg").asText()).isEqualTo("still here");
        assertThat(line.get("thing").asText()).startsWith("<toString of ").contains("failed");
    }
}
