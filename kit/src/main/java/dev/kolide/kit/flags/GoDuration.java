package dev.kolide.kit.flags;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations spelled as Go's {@code time.ParseDuration} does ({@code 60s}, {@code 1h30m}, {@code 500ms},
 * {@code 1.5h}), since Kolide's flags and flag files use that spelling. Register with
 * {@code @Option(converter = GoDuration.class)}.
 */
public final class GoDuration implements ITypeConverter<Duration> {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:ns|us|µs|ms|s|m|h)");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            // picocli prints a TypeConversionException's message as it is, without the exception's class name
            throw new TypeConversionException(e.getMessage());
        }
    }

    /**
     * @throws IllegalArgumentException naming the value when it is not a Go duration
     */
    public static Duration parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("duration is null");
        }
        String text = value.strip();
        if ("0".equals(text)) {
            return Duration.ZERO;
        }
        boolean negative = text.startsWith("-");
        String body = negative || text.startsWith("+") ? text.substring(1) : text;
        if (body.isEmpty() || !body.replaceAll(WHOLE.pattern(), "").isEmpty()) {
            throw new IllegalArgumentException(
                    "\"" + value + "\" is not a duration (examples: 60s, 5m, 1h30m, 500ms)");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = PART.matcher(body);
        while (m.find()) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
        }
        Duration duration = Duration.ofNanos(nanos.longValueExact());
        return negative ? duration.negated() : duration;
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException("unknown duration unit " + unit);
        };
    }

    /** The Go spelling of {@code duration}, e.g. {@code 1h30m0s}, for help texts and flag files. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder(duration.isNegative() ? "-" : "");
        Duration d = duration.abs();
        long hours = d.toHours();
        long minutes = d.toMinutesPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        BigDecimal seconds = BigDecimal.valueOf(d.toSecondsPart()).add(BigDecimal.valueOf(d.toNanosPart(), 9));
        out.append(seconds.stripTrailingZeros().toPlainString()).append('s');
        return out.toString();
    }
}
