package dev.kolide.kit.log;

import static dev.kolide.kit.log.LogSetup.withFormat;
import static dev.kolide.kit.log.LogSetup.withOutput;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogSetupTest {

    @Test
    void logfmtIsTheDefaultFormat() {
        try (CapturedLog captured = new CapturedLog()) {
            captured.logger("x").info("hello");

            assertThat(captured.onlyLine()).startsWith("ts=").contains(" msg=hello ");
        }
    }

    @Test
    void jsonFormatWritesParseableObjects() throws Exception {
        try (CapturedLog captured = new CapturedLog(withFormat(LogFormat.JSON))) {
            captured.logger("x").info("hello");

            assertThat(new ObjectMapper().readTree(captured.onlyLine()).get("msg").asText()).isEqualTo("hello");
        }
    }

    @Test
    void configuringAgainReplacesTheAppenderInsteadOfDoublingLines() {
        try (CapturedLog captured = new CapturedLog()) {
            ByteArrayOutputStream second = new ByteArrayOutputStream();
            LogSetup.configure(captured.context(), withOutput(second));

            captured.logger("x").info("once");

            assertThat(captured.lines()).isEmpty();
            assertThat(second.toString(StandardCharsets.UTF_8).split("\n")).hasSize(1);
        }
    }

    @Test
    void stoppingLogbackFlushesButNeverClosesTheGivenStream() {
        CloseRecordingStream stream = new CloseRecordingStream();
        LoggerContext context = new LoggerContext();
        LogSetup.configure(context, withOutput(stream));
        context.getLogger("x").info("before stop");

        context.stop();

        assertThat(stream.closed).isFalse();
        assertThat(stream.toString(StandardCharsets.UTF_8)).contains("msg=\"before stop\"");
    }

    @Test
    void kitConfiguratorSetsLogfmtAtInfoAndStopsLogbacksOwnLookup() {
        LoggerContext context = new LoggerContext();
        KitLogbackConfigurator configurator = new KitLogbackConfigurator();
        configurator.setContext(context);

        ExecutionStatus status = configurator.configure(context);

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("kit")).isInstanceOfSatisfying(OutputStreamAppender.class,
                appender -> assertThat(appender.getEncoder()).isInstanceOf(LogfmtEncoder.class));
        context.stop();
    }

    @Test
    void kitConfiguratorIsFoundAsAServiceByTheProcessWideContext() {
        // src/test/resources registers it, as a program's jar does; Logback's own configurators would add a
        // ConsoleAppender named "console" instead.
        LoggerContext global = (LoggerContext) LoggerFactory.getILoggerFactory();

        assertThat(global.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("kit")).isNotNull();
    }

    private static final class CloseRecordingStream extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() throws IOException {
            closed = true;
        }
    }
}
