package dev.kolide.kit.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

class LogfmtEncoderTest {

    private final CapturedLog captured = new CapturedLog();
    private final Logger log = captured.logger("dev.kolide.fleet.FleetServer");

    @AfterEach
    void tearDown() {
        MDC.clear();
        captured.close();
    }

    @Test
    void lineCarriesTsLevelCallerMsgThenKeyValuesMdcAndShortLoggerName() {
        MDC.put("request_id", "abc");
        log.atInfo().addKeyValue("addr", ":8080").log("listening");

        assertThat(captured.onlyLine()).matches("ts=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z level=info"
                + " caller=LogfmtEncoderTest\\.java:\\d+ msg=listening addr=:8080 request_id=abc logger=FleetServer");
    }

    @Test
    void callerIsTheLineThatLoggedForClassicAndFluentCalls() {
        log.info("classic"); int classicLine = new Throwable().getStackTrace()[0].getLineNumber();
        log.atWarn().log("fluent"); int fluentLine = new Throwable().getStackTrace()[0].getLineNumber();

        assertThat(captured.lines()).hasSize(2);
        assertThat(captured.lines().get(0)).contains(" caller=LogfmtEncoderTest.java:" + classicLine + " ");
        assertThat(captured.lines().get(1)).contains(" caller=LogfmtEncoderTest.java:" + fluentLine + " ");
    }

    @Test
    void placeholdersAreFormattedIntoMsg() {
        log.info("host {} enrolled with {} labels", "h-1", 3);

        assertThat(captured.onlyLine()).contains(" msg=\"host h-1 enrolled with 3 labels\" ");
    }

    @Test
    void messageWithQuotesAndNewlinesStaysOnOneEscapedLine() {
        log.info("said \"no\"\nthen left");

        assertThat(captured.onlyLine()).contains(" msg=\"said \\\"no\\\"\\nthen left\" ");
    }

    @Test
    void exceptionGivesErrAndAnEscapedStackTraceOnTheSameLine() {
        log.atError().setCause(new IllegalStateException("disk full", new IOException("no space")))
                .log("saving host");

        String line = captured.onlyLine();
        assertThat(line).contains(" err=\"disk full\" ");
        assertThat(line).contains(" stacktrace=\"java.lang.IllegalStateException: disk full\\n\\tat dev.kolide.kit.log.");
        assertThat(line).contains("Caused by: java.io.IOException: no space");
        assertThat(line).doesNotContain("\t");
    }

    @Test
    void exceptionWithoutMessageUsesItsClassNameAsErr() {
        log.error("failed", new NullPointerException());

        assertThat(captured.onlyLine()).contains(" err=java.lang.NullPointerException ");
    }

    @Test
    void keyValueThatReusesAFixedKeyIsRenamedNotLost() {
        log.atInfo().addKeyValue("msg", "from caller").log("from logger");

        assertThat(captured.onlyLine()).contains(" msg=\"from logger\" msg_2=\"from caller\" ");
    }

    @Test
    void mdcEntryEqualToAnExplicitKeyValueIsWrittenOnce() {
        MDC.put("request_id", "abc");
        log.atInfo().addKeyValue("request_id", "abc").log("x");

        assertThat(captured.onlyLine()).containsOnlyOnce("request_id");
    }

    @Test
    void mdcEntriesAreSortedByKey() {
        MDC.put("zone", "b");
        MDC.put("host", "a");
        log.info("x");

        assertThat(captured.onlyLine()).contains(" host=a zone=b ");
    }

    @Test
    void timestampIsUtcWhateverTheDefaultTimeZone() {
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
        try {
            LoggingEvent event = new LoggingEvent(getClass().getName(),
                    (ch.qos.logback.classic.Logger) log, Level.WARN, "fixed", null, null);
            event.setInstant(Instant.parse("2026-11-27T02:19:05.123456Z"));
            LogfmtEncoder encoder = new LogfmtEncoder();
            encoder.setIncludeCallerData(false);

            String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

            assertThat(line).isEqualTo("ts=2026-11-27T02:19:05.123Z level=warn msg=fixed logger=FleetServer\n");
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void eventEncodedAwayFromALoggingCallHasUnknownCallerRatherThanAWrongOne() {
        LoggingEvent event = new LoggingEvent(getClass().getName(),
                (ch.qos.logback.classic.Logger) log, Level.INFO, "replayed", null, null);

        String line = new String(new LogfmtEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).contains(" caller=? ");
    }

    @Test
    void callerDataCarriedByTheEventIsUsed() {
        LoggingEvent event = new LoggingEvent(getClass().getName(),
                (ch.qos.logback.classic.Logger) log, Level.INFO, "replayed", null, null);
        event.setCallerData(new StackTraceElement[] {
            new StackTraceElement("dev.kolide.fleet.FleetServer", "serve", "FleetServer.java", 42)});

        String line = new String(new LogfmtEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).contains(" caller=FleetServer.java:42 ");
    }

    @Test
    void callerDataCanBeTurnedOff() {
        try (CapturedLog noCaller = new CapturedLog(LogSetup.withCallerData(false))) {
            noCaller.logger("x").info("hello");

            assertThat(noCaller.onlyLine()).doesNotContain("caller=").contains(" level=info msg=hello ");
        }
    }
}
