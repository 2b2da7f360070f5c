package dev.kolide.cmd.fleetctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columnsLineUpUnderUpperCaseHeadersAndMultiLineCellsBecomeOneLine() {
        StringWriter text = new StringWriter();

        new Table("name", "query").row("uptime", "SELECT *\n  FROM uptime;").row("a", null)
                .print(new PrintWriter(text));

        assertThat(text.toString().split("\\R")).containsExactly(
                "NAME    QUERY",
                "uptime  SELECT * FROM uptime;",
                "a");
    }
}
