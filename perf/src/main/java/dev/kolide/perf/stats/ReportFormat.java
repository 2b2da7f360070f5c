package dev.kolide.perf.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reports as people read them (a few aligned lines) or as one JSON object per line, for the benchmark driver. */
public final class ReportFormat {
    private final ObjectMapper json;

    public ReportFormat(ObjectMapper json) {
        this.json = json;
    }

    /** One line of JSON; keys are stable (the benchmark driver parses them). */
    public String json(Report report) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("report", report.kind());
        line.put("elapsed_s", round(report.elapsedSeconds()));
        line.put("window_s", round(report.windowSeconds()));
        line.put("hosts", report.hosts());
        line.put("hosts_enrolled", report.enrolled());
        line.put("hosts_online", report.online());
        line.put("in_flight", report.inFlight());
        line.put("requests", report.requests());
        line.put("rps", round(report.requestsPerSecond()));
        line.put("errors", report.errors());
        Map<String, Object> endpoints = new LinkedHashMap<>();
        for (Endpoint endpoint : Endpoint.values()) {
            EndpointReport e = report.endpoints().get(endpoint);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("requests", e.requests());
            fields.put("rps", round(e.requestsPerSecond()));
            fields.put("errors", e.errors());
            fields.put("errors_by_kind", e.errorsByKind());
            fields.put("p50_ms", round(e.p50Millis()));
            fields.put("p95_ms", round(e.p95Millis()));
            fields.put("p99_ms", round(e.p99Millis()));
            fields.put("max_ms", round(e.maxMillis()));
            endpoints.put(endpoint.reportName(), fields);
        }
        line.put("endpoints", endpoints);
        try {
            return json.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("writing a report as JSON", e);
        }
    }

    /** A header line and one line per endpoint that saw requests. */
    public String text(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "[%s %6.1fs] hosts %d enrolled %d online %d in-flight %d | %d req %.1f/s, %d errors%n",
                report.kind(), report.elapsedSeconds(), report.hosts(), report.enrolled(), report.online(),
                report.inFlight(), report.requests(), report.requestsPerSecond(), report.errors()));
        for (Endpoint endpoint : Endpoint.values()) {
            EndpointReport e = report.endpoints().get(endpoint);
            if (e.requests() == 0) {
                continue;
            }
            out.append(String.format(Locale.ROOT,
                    "  %-17s %8d req %8.1f/s  p50 %7.1f  p95 %7.1f  p99 %7.1f  max %7.1f ms  errors %d %s%n",
                    endpoint.reportName(), e.requests(), e.requestsPerSecond(), e.p50Millis(), e.p95Millis(),
                    e.p99Millis(), e.maxMillis(), e.errors(), e.errorsByKind().isEmpty() ? "" : e.errorsByKind()));
        }
        return out.toString().stripTrailing();
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
