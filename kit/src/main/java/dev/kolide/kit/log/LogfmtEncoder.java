package dev.kolide.kit.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * Logback encoder writing one logfmt line per event, for example
 * {@code ts=2026-11-27T02:19:05.123Z level=info caller=FleetServer.java:42 msg=listening addr=:8080 logger=FleetServer}.
 * Keys and order are those of {@link LogLine}; quoting is {@link Logfmt}'s.
 *
 * <p>Stateless per event, so safe for the concurrent {@code encode} calls Logback's appenders make.
 */
public final class LogfmtEncoder extends EncoderBase<ILoggingEvent> {

    private static final byte[] NOTHING = new byte[0];

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
        StringBuilder out = new StringBuilder(256);
        for (LogField field : LogLine.fieldsOf(event, includeCallerData ? callers : null)) {
            if (out.length() > 0) {
                out.append(' ');
            }
            Logfmt.appendKey(out, field.key());
            out.append('=');
            Logfmt.appendValue(out, field.value());
        }
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }
}
