package dev.kolide.kit.log;

import static dev.kolide.kit.log.LogSetup.withDebug;
import static dev.kolide.kit.log.LogSetup.withFormat;
import static dev.kolide.kit.log.LogSetup.withQuietLoggers;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;

class LogLevelSwitchTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private List<String> messages(CapturedLog captured) {
        return captured.lines().stream().map(line -> {
            try {
                return mapper.readTree(line).get("msg").asText();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException("parsing log line " + line, e);
            }
        }).toList();
    }

    @Test
    void debugLinesAppearOnlyWhileDebugIsOn() {
        try (CapturedLog captured = new CapturedLog(withFormat(LogFormat.JSON))) {
            Logger log = captured.logger("dev.kolide.launcher.Runner");
            LogLevelSwitch levels = captured.levels();

            log.debug("hidden before");
            levels.setDebug(true);
            log.debug("shown while on");
            boolean afterToggle = levels.toggleDebug();
            log.debug("hidden after toggle");
            log.info("info always");

            assertThat(afterToggle).isFalse();
            assertThat(messages(captured)).containsExactly("shown while on", "info always");
        }
    }

    @Test
    void toggleReportsTheNewStateAndIsDebugAgrees() {
        try (CapturedLog captured = new CapturedLog()) {
            LogLevelSwitch levels = captured.levels();

            assertThat(levels.isDebug()).isFalse();
            assertThat(levels.toggleDebug()).isTrue();
            assertThat(levels.isDebug()).isTrue();
            assertThat(captured.context().getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
            assertThat(levels.toggleDebug()).isFalse();
            assertThat(captured.context().getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        }
    }

    @Test
    void debugOptionStartsInDebug() {
        try (CapturedLog captured = new CapturedLog(withDebug(true), withFormat(LogFormat.JSON))) {
            captured.logger("x").debug("early detail");

            assertThat(captured.levels().isDebug()).isTrue();
            assertThat(messages(captured)).containsExactly("early detail");
        }
    }

    @Test
    void quietLibrariesStayAtInfoInDebug() {
        try (CapturedLog captured = new CapturedLog(withDebug(true), withFormat(LogFormat.JSON))) {
            Logger jetty = captured.logger("org.eclipse.jetty.server.HttpChannel");
            Logger grpc = captured.logger("io.grpc.internal.ServerImpl");

            jetty.debug("jetty detail");
            grpc.debug("grpc detail");
            jetty.info("jetty started");

            assertThat(messages(captured)).containsExactly("jetty started");
        }
    }

    @Test
    void withNoQuietLoggersLibrariesFollowDebug() {
        try (CapturedLog captured = new CapturedLog(withDebug(true), withQuietLoggers(),
                withFormat(LogFormat.JSON))) {
            captured.logger("org.eclipse.jetty.server.HttpChannel").debug("jetty detail");

            assertThat(messages(captured)).containsExactly("jetty detail");
        }
    }

    static Stream<Arguments> levelNames() {
        return Stream.of(
                Arguments.of(Level.TRACE, "trace"),
                Arguments.of(Level.DEBUG, "debug"),
                Arguments.of(Level.INFO, "info"),
                Arguments.of(Level.WARN, "warn"),
                Arguments.of(Level.ERROR, "error"));
    }

    @ParameterizedTest(name = "{0} is written as {1}")
    @MethodSource
    void levelNames(Level level, String expected) throws Exception {
        try (CapturedLog captured = new CapturedLog(withFormat(LogFormat.JSON))) {
            ch.qos.logback.classic.Logger log = captured.context().getLogger("x");
            log.setLevel(Level.TRACE);

            log.atLevel(org.slf4j.event.Level.valueOf(level.toString())).log("at some level");

            assertThat(mapper.readTree(captured.onlyLine()).get("level").asText()).isEqualTo(expected);
        }
    }
}
