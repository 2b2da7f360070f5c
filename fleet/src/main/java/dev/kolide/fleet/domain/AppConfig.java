package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fleet's settings made through the API (one per installation).
 *
 * @param serverUrl the URL hosts and users reach fleet at (kolide_server_url)
 * @param hostExpiryEnabled whether hosts unseen for {@code hostExpiryWindowDays} are deleted
 * @param liveQueryDisabled refuses new live queries
 * @param additionalQueries name → SQL run with the detail queries; results are stored on the host
 *     ({@link Host#additional()}); kept sorted by name
 */
public record AppConfig(
        String orgName,
        String orgLogoUrl,
        String serverUrl,
        boolean hostExpiryEnabled,
        int hostExpiryWindowDays,
        boolean liveQueryDisabled,
        Map<String, String> additionalQueries) {

    public AppConfig {
        requireNonNull(orgName, "orgName is null");
        requireNonNull(orgLogoUrl, "orgLogoUrl is null");
        requireNonNull(serverUrl, "serverUrl is null");
        requireNonNull(additionalQueries, "additionalQueries is null");
        if (hostExpiryWindowDays < 0) {
            throw new IllegalArgumentException("host expiry window must not be negative: " + hostExpiryWindowDays);
        }
        additionalQueries.forEach((name, sql) -> {
            requireNonNull(name, "additional query name is null");
            requireNonNull(sql, "additional query " + name + " is null");
        });
        additionalQueries = Collections.unmodifiableMap(new TreeMap<>(additionalQueries));
    }

    /** The settings of a fresh installation (what the seed migration writes). */
    public static AppConfig defaults() {
        return new AppConfig("", "", "", false, 0, false, Map.of());
    }
}
