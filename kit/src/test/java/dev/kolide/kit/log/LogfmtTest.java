package dev.kolide.kit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LogfmtTest {

    static Stream<Arguments> valueQuoting() {
        return Stream.of(
                Arguments.of("plain word stays bare", "listening", "listening"),
                Arguments.of("address with colon stays bare", ":8080", ":8080"),
                Arguments.of("space is quoted", "two words", "\"two words\""),
                Arguments.of("equals sign is quoted", "a=b", "\"a=b\""),
                Arguments.of("double quote is quoted and escaped", "say \"hi\"", "\"say \\\"hi\\\"\""),
                Arguments.of("lone double quote", "\"", "\"\\\"\""),
                Arguments.of("newline is quoted and escaped", "line1\nline2", "\"line1\\nline2\""),
                Arguments.of("carriage return and tab are escaped", "a\r\tb", "\"a\\r\\tb\""),
                Arguments.of("other control character as unicode escape", "bell\u0007", "\"bell\\u0007\""),
                Arguments.of("DEL is quoted", "x\u007fy", "\"x\\u007fy\""),
                Arguments.of("empty value is an empty quoted string", "", "\"\""),
                Arguments.of("the string null is quoted", "null", "\"null\""),
                Arguments.of("backslash alone stays bare", "C:\\dir", "C:\\dir"),
                Arguments.of("backslash inside quotes is escaped", "C:\\my dir", "\"C:\\\\my dir\""),
                Arguments.of("non-ASCII letters stay bare", "héllo", "héllo"),
                Arguments.of("surrogate pair stays bare", "ok\uD83D\uDE00", "ok\uD83D\uDE00"),
                Arguments.of("lone surrogate is quoted and replaced", "bad\uD83D", "\"bad\ufffd\""),
                Arguments.of("no-break space is quoted", "a\u00a0b", "\"a\u00a0b\""),
                Arguments.of("line separator is quoted", "a\u2028b", "\"a\u2028b\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void valueQuoting(String description, String value, String expected) {
        assertThat(Logfmt.value(value)).isEqualTo(expected);
    }

    static Stream<Arguments> typedValuesAreWrittenBare() {
        return Stream.of(
                Arguments.of(42, "42"),
                Arguments.of(-7L, "-7"),
                Arguments.of(1.5d, "1.5"),
                Arguments.of(true, "true"),
                Arguments.of(null, "null"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void typedValuesAreWrittenBare(Object value, String expected) {
        assertThat(Logfmt.value(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "key [{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "request_id|request_id",
        "has space|hasspace",
        "a=b|ab",
        "say\"x|sayx",
        "' '|_",
        "''|_"})
    void keysLoseCharactersThatWouldBreakTheLine(String key, String expected) {
        StringBuilder out = new StringBuilder();
        Logfmt.appendKey(out, key);
        assertThat(out).hasToString(expected);
    }
}
