package dev.kolide.fleet.service.api.config;

import java.util.Map;

/**
 * Settings to change ({@code PATCH config}); null leaves a setting as it is. {@code additionalQueries} applies
 * only when {@code replaceAdditionalQueries} is set, and then null clears them (Kolide's
 * {@code "host_settings": {"additional_queries": null}}).
 */
public record AppConfigChanges(
        String orgName,
        String orgLogoUrl,
        String serverUrl,
        Boolean liveQueryDisabled,
        Boolean hostExpiryEnabled,
        Integer hostExpiryWindow,
        boolean replaceAdditionalQueries,
        Map<String, String> additionalQueries) {
}
