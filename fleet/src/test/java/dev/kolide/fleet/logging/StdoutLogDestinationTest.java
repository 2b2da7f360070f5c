package dev.kolide.fleet.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdoutLogDestinationTest {

    @Test
    void linesGoToTheStreamOnePerLineInOrder() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StdoutLogDestination destination = new StdoutLogDestination(new PrintStream(bytes, false, StandardCharsets.UTF_8));

        destination.write(List.of("{\"a\":1}", "{\"b\":\"ü\"}"));
        destination.write(List.of("{\"c\":3}"));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"b\":\"ü\"}\n{\"c\":3}\n");
    }

    @Test
    void aStreamThatFailsMakesTheWriteFail() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        StdoutLogDestination destination = new StdoutLogDestination(new PrintStream(broken));

        assertThatThrownBy(() -> destination.write(List.of("{}")))
                .isInstanceOf(LogDestinationException.class)
                .hasMessage("writing 1 log lines to standard output: the stream reported an error");
    }

    @Test
    void closingFlushesButLeavesTheStreamOpen() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        StdoutLogDestination destination = new StdoutLogDestination(out);

        destination.close();
        out.print("still open");

        assertThat(out.checkError()).isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("still open");
        assertThatThrownBy(() -> destination.write(List.of("{}"))).isInstanceOf(LogDestinationException.class);
    }

    @Test
    void aLineWithALineBreakIsRefused() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StdoutLogDestination destination = new StdoutLogDestination(new PrintStream(bytes));

        assertThatThrownBy(() -> destination.write(List.of("{}", "{\n}"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(bytes.size()).isZero();
    }
}
