package dev.kolide.fleet.transport.http.api.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.service.api.config.AppConfigChanges;
import dev.kolide.fleet.service.api.config.AppConfigService;
import dev.kolide.fleet.transport.http.api.Authenticator;
import dev.kolide.fleet.transport.http.api.Bodies;
import dev.kolide.fleet.transport.http.errors.BadRequestException;
import dev.kolide.fleet.transport.http.api.ApiRouteGroup;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET/PATCH config}: Kolide's app config shape, for the settings fleet has (organization, server URL,
 * live queries on or off, host expiry, additional queries). SMTP and SSO settings are not supported.
 */
public final class ConfigRoutes {

    record OrgInfo(String orgName, String orgLogoUrl) {}

    record ServerSettings(String kolideServerUrl, Boolean liveQueryDisabled) {}

    record HostExpirySettings(Boolean hostExpiryEnabled, Integer hostExpiryWindow) {}

    record HostSettings(Map<String, String> additionalQueries) {}

    record AppConfigJson(OrgInfo orgInfo, ServerSettings serverSettings, HostExpirySettings hostExpirySettings,
            HostSettings hostSettings) {

        static AppConfigJson from(AppConfig config) {
            return new AppConfigJson(new OrgInfo(config.orgName(), config.orgLogoUrl()),
                    new ServerSettings(config.serverUrl(), config.liveQueryDisabled()),
                    new HostExpirySettings(config.hostExpiryEnabled(), config.hostExpiryWindowDays()),
                    // Kolide answers null rather than {} when there are none.
                    new HostSettings(config.additionalQueries().isEmpty() ? null : config.additionalQueries()));
        }
    }

    /** {@code host_settings} is a tree: whether it names additional_queries at all decides whether they change. */
    record AppConfigPatch(OrgInfo orgInfo, ServerSettings serverSettings, HostExpirySettings hostExpirySettings,
            JsonNode hostSettings) {}

    private final AppConfigService config;
    private final Authenticator auth;

    public ConfigRoutes(AppConfigService config, Authenticator auth) {
        this.config = requireNonNull(config, "config is null");
        this.auth = requireNonNull(auth, "auth is null");
    }

    public void register(ApiRouteGroup api) {
        api.get("/config", request -> AppConfigJson.from(config.get(auth.viewer(request))));
        api.patch("/config", request -> {
            AppConfigPatch body = Bodies.required(request, AppConfigPatch.class);
            OrgInfo org = body.orgInfo() == null ? new OrgInfo(null, null) : body.orgInfo();
            ServerSettings server = body.serverSettings() == null ? new ServerSettings(null, null)
                    : body.serverSettings();
            HostExpirySettings expiry = body.hostExpirySettings() == null ? new HostExpirySettings(null, null)
                    : body.hostExpirySettings();
            JsonNode hostSettings = body.hostSettings();
            boolean replaceAdditional = hostSettings != null && hostSettings.isObject()
                    && hostSettings.has("additional_queries");
            Map<String, String> additional = replaceAdditional
                    ? additionalQueries(hostSettings.get("additional_queries")) : null;
            return AppConfigJson.from(config.modify(auth.viewer(request), new AppConfigChanges(org.orgName(),
                    org.orgLogoUrl(), server.kolideServerUrl(), server.liveQueryDisabled(),
                    expiry.hostExpiryEnabled(), expiry.hostExpiryWindow(), replaceAdditional, additional)));
        });
    }

    /** {@code {"name": "sql", ...}} or null; anything else is a 400. */
    private static Map<String, String> additionalQueries(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new BadRequestException("field host_settings.additional_queries must be an object of name to SQL");
        }
        Map<String, String> queries = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new BadRequestException("field host_settings.additional_queries." + field.getKey()
                        + " must be a string");
            }
            queries.put(field.getKey(), field.getValue().asText());
        }
        return queries;
    }
}
