package dev.kolide.updater.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void drawsAFilledBarWithSizes() {
        assertThat(ProgressBar.line("t", 0, 2048)).isEqualTo("t [" + " ".repeat(30) + "]   0% 0 B/2.0 KiB");
        assertThat(ProgressBar.line("t", 1024, 2048)).isEqualTo("t [" + "#".repeat(15) + " ".repeat(15)
                + "]  50% 1.0 KiB/2.0 KiB");
        assertThat(ProgressBar.line("t", 3 << 20, 3 << 20)).endsWith("] 100% 3.0 MiB/3.0 MiB");
        assertThat(ProgressBar.line("t", 0, 0)).contains("100%");
    }

    @Test
    void redrawsAtMostEveryTenthOfASecondButAlwaysAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, UTF_8), "t", () -> now[0]);

        bar.update(1, 100);
        bar.update(2, 100);
        now[0] += 200_000_000L;
        bar.update(3, 100);
        bar.update(100, 100);
        bar.finish();

        String out = bytes.toString(UTF_8);
        assertThat(out.split("\r", -1)).hasSize(4);
        assertThat(out).endsWith("100% 100 B/100 B" + System.lineSeparator());
    }
}
