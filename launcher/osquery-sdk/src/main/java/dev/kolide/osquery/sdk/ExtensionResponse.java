package dev.kolide.osquery.sdk;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/** osquery's {@code ExtensionResponse}: a status and rows of string maps (the plugin's answer, or query rows). */
public record ExtensionResponse(ExtensionStatus status, List<Map<String, String>> response) {
    public ExtensionResponse {
        requireNonNull(status, "status is null");
        requireNonNull(response, "response is null");
    }

    /** {@code {0, "OK"}} with {@code rows}. */
    public static ExtensionResponse ok(List<Map<String, String>> rows) {
        return new ExtensionResponse(ExtensionStatus.ok(), rows);
    }

    /** Code 1 with {@code message} and no rows. */
    public static ExtensionResponse failed(String message) {
        return new ExtensionResponse(ExtensionStatus.failed(message), List.of());
    }

    public boolean isOk() {
        return status.isOk();
    }
}
