package dev.kolide.kit.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Logback encoder writing one JSON object per line, with the keys and order of {@link LogLine}:
 * {@code {"ts":"2026-11-27T02:19:05.123Z","level":"info","caller":"FleetServer.java:42","msg":"listening",...}}.
 * Numbers and booleans given as key-values stay JSON numbers and booleans; newlines inside values are escaped by
 * JSON, so an event is always exactly one line.
 *
 * <p>Stateless per event (the {@link JsonFactory} is thread-safe), so safe for concurrent {@code encode} calls.
 */
public final class JsonLinesEncoder extends EncoderBase<ILoggingEvent> {

    private static final byte[] NOTHING = new byte[0];

    private final JsonFactory json = JsonFactory.builder().build();
    private final CallerLocator callers = new CallerLocator();
    private volatile boolean includeCallerData = true;

    /** See {@link LogSetup#withCallerData(boolean)} for the cost; on by default. */
    public void setIncludeCallerData(boolean includeCallerData) {
        this.includeCallerData = includeCallerData;
    }

    public boolean isIncludeCallerData() {
        return includeCallerData;
    }

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator generator = json.createGenerator(out, JsonEncoding.UTF8)) {
            generator.writeStartObject();
            for (LogField field : LogLine.fieldsOf(event, includeCallerData ? callers : null)) {
                generator.writeFieldName(field.key());
                writeValue(generator, field.value());
            }
            generator.writeEndObject();
        } catch (IOException e) {
            // Only a broken generator gets here: the target is an in-memory buffer.
            throw new UncheckedIOException("encoding a log event as JSON", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }

    private static void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Boolean b) {
            generator.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            generator.writeNumber(big);
        } else if (value instanceof BigDecimal decimal) {
            generator.writeNumber(decimal);
        } else if (value instanceof Float f && Float.isFinite(f)) {
            generator.writeNumber(f);
        } else if (value instanceof Double d && Double.isFinite(d)) {
            generator.writeNumber(d);
        } else {
            // Strings, and NaN/Infinity, which JSON has no number for.
            generator.writeString(value.toString());
        }
    }
}
