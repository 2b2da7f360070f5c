package dev.kolide.fleet.transport.http.errors;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The two shapes of an error body fleet answers with, chosen per route group (reference §1.3 and §2.2.1). The
 * status code is the {@link ApiException}'s in both.
 */
public enum ErrorStyle {

    /**
     * osquery's TLS API ({@code /api/v1/osquery/*}): {@code {"error":"..."}}, plus {@code "node_invalid":true}
     * for a {@link NodeInvalidException}. osquery reads only those two fields; the status matters to it only as
     * a transport failure.
     */
    OSQUERY {
        @Override
        public Object body(ApiException error) {
            requireNonNull(error, "error is null");
            return new OsqueryError(error.getMessage(), error instanceof NodeInvalidException ? Boolean.TRUE : null);
        }
    },

    /**
     * The REST API used by people and fleetctl: {@code {"message":"...","errors":[{"name":"base","reason":"..."}]}}.
     * As in Kolide Fleet, the message is a fixed summary for 403, 404, 409 and 422 (fleetctl and the UI show it
     * as a title) and the error's own message otherwise; the reasons carry the details.
     */
    USER_API {
        @Override
        public Object body(ApiException error) {
            requireNonNull(error, "error is null");
            return new UserApiError(summary(error), error.reasons());
        }

        private String summary(ApiException error) {
            return switch (error.status()) {
                case 403 -> "Permission Denied";
                case 404 -> "Resource Not Found";
                case 409 -> "Resource Already Exists";
                case 422 -> "Validation Failed";
                default -> error.getMessage();
            };
        }
    };

    /** The JSON body (an object for the codec to encode) that answers {@code error} in this style. */
    public abstract Object body(ApiException error);

    /** {@code {"error": ..., "node_invalid": true}}; node_invalid is left out rather than false, as Kolide did. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OsqueryError(
            @JsonProperty("error") String error,
            @JsonProperty("node_invalid") Boolean nodeInvalid) {}

    /** {@code {"message": ..., "errors": [{"name": ..., "reason": ...}]}}. */
    public record UserApiError(
            @JsonProperty("message") String message,
            @JsonProperty("errors") List<FieldError> errors) {}
}
