package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a host presents to enroll.
 *
 * @param enrollSecret the secret osquery read from {@code --enroll_secret_path}
 * @param hostIdentifier osquery's {@code --host_identifier} value (a uuid with Fleet's flags); identifies the host
 *     across re-enrollments
 * @param platformType osquery's platform bit mask as text ("9" for darwin); kept for the record, unused
 * @param hostDetails osquery's enrollment details: table name ({@code os_version}, {@code osquery_info},
 *     {@code system_info}, {@code platform_info}) → that table's one row
 */
public record EnrollRequest(String enrollSecret, String hostIdentifier, String platformType,
        Map<String, Map<String, String>> hostDetails) {

    public EnrollRequest {
        requireNonNull(enrollSecret, "enrollSecret is null");
        requireNonNull(hostIdentifier, "hostIdentifier is null");
        requireNonNull(platformType, "platformType is null");
        requireNonNull(hostDetails, "hostDetails is null");
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        hostDetails.forEach((table, row) -> copy.put(requireNonNull(table, "table name is null"),
                Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(row, "row of " + table + " is null")))));
        hostDetails = Collections.unmodifiableMap(copy);
    }

    /** Leaves out the secret. */
    @Override
    public String toString() {
        return "EnrollRequest[hostIdentifier=" + hostIdentifier + ", platformType=" + platformType
                + ", hostDetails=" + hostDetails.keySet() + "]";
    }
}
