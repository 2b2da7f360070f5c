package dev.kolide.fleet.transport.http.api.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.kolide.fleet.domain.EnrollSecret;
import dev.kolide.fleet.service.api.config.EnrollSecretInput;
import dev.kolide.fleet.service.api.config.EnrollSecretService;
import dev.kolide.fleet.service.api.config.OsqueryOptionsService;
import dev.kolide.fleet.service.api.config.OsqueryOptionsSpec;
import dev.kolide.fleet.transport.http.api.Authenticator;
import dev.kolide.fleet.transport.http.api.Bodies;
import dev.kolide.fleet.transport.http.routing.JsonReply;
import dev.kolide.fleet.transport.http.api.ApiRouteGroup;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code spec/enroll_secret} and {@code spec/osquery_options}, in the JSON form of fleetctl's specs. */
public final class SpecConfigRoutes {

    record EnrollSecretSpec(List<EnrollSecretInput> secrets) {}

    record EnrollSecretSpecRequest(EnrollSecretSpec spec) {}

    record EnrollSecretJson(String name, String secret, boolean active) {
        @Override
        public String toString() {
            return "EnrollSecretJson[name=" + name + ", active=" + active + "]";
        }
    }

    record EnrollSecretSpecJson(List<EnrollSecretJson> secrets) {}

    record Overrides(Map<String, JsonNode> platforms) {}

    record OptionsSpec(JsonNode config, Overrides overrides) {}

    record OptionsSpecRequest(OptionsSpec spec) {}

    /** The stored configs are JSON already and are written out as they are. */
    record OptionsSpecJson(RawValue config, Map<String, Object> overrides) {}

    private final EnrollSecretService secrets;
    private final OsqueryOptionsService options;
    private final Authenticator auth;
    private final ObjectMapper json = new ObjectMapper();

    public SpecConfigRoutes(EnrollSecretService secrets, OsqueryOptionsService options, Authenticator auth) {
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.options = requireNonNull(options, "options is null");
        this.auth = requireNonNull(auth, "auth is null");
    }

    public void register(ApiRouteGroup api) {
        api.post("/spec/enroll_secret", request -> {
            EnrollSecretSpecRequest body = Bodies.required(request, EnrollSecretSpecRequest.class);
            List<EnrollSecretInput> given = body.spec() == null || body.spec().secrets() == null ? List.of()
                    : body.spec().secrets();
            secrets.apply(auth.viewer(request), given);
            return JsonReply.empty();
        });
        api.get("/spec/enroll_secret", request -> {
            List<EnrollSecret> all = secrets.list(auth.viewer(request));
            return Map.of("specs", new EnrollSecretSpecJson(all.stream()
                    .map(s -> new EnrollSecretJson(s.name(), s.secret(), s.active()))
                    .toList()));
        });
        api.post("/spec/osquery_options", request -> {
            OptionsSpecRequest body = Bodies.required(request, OptionsSpecRequest.class);
            OptionsSpec spec = body.spec() == null ? new OptionsSpec(null, null) : body.spec();
            Map<String, String> platforms = new LinkedHashMap<>();
            if (spec.overrides() != null && spec.overrides().platforms() != null) {
                spec.overrides().platforms().forEach((platform, config) -> platforms.put(platform, text(config)));
            }
            options.apply(auth.viewer(request), new OsqueryOptionsSpec(text(spec.config()), platforms));
            return JsonReply.empty();
        });
        api.get("/spec/osquery_options", request -> {
            OsqueryOptionsSpec spec = options.get(auth.viewer(request));
            Map<String, Object> overrides = new LinkedHashMap<>();
            if (!spec.platformOverrides().isEmpty()) {
                Map<String, RawValue> platforms = new LinkedHashMap<>();
                spec.platformOverrides().forEach((platform, config) -> platforms.put(platform, new RawValue(config)));
                overrides.put("platforms", platforms);
            }
            return Map.of("spec", new OptionsSpecJson(new RawValue(spec.config()), overrides));
        });
    }

    /** A config tree as text for the service to check; missing or null is "" (not a JSON object). */
    private String text(JsonNode config) {
        if (config == null || config.isNull() || config.isMissingNode()) {
            return "";
        }
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("re-encoding a decoded JSON tree", e);
        }
    }
}
