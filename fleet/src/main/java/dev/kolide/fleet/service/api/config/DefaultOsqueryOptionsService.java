package dev.kolide.fleet.service.api.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.datastore.OsqueryOptionsStore;
import dev.kolide.fleet.domain.OsqueryOptions;
import dev.kolide.fleet.service.api.Access;
import dev.kolide.fleet.service.api.Problems;
import dev.kolide.fleet.service.api.Viewer;

/** {@link OsqueryOptionsService} over the osquery options store. */
public final class DefaultOsqueryOptionsService implements OsqueryOptionsService {

    private final OsqueryOptionsStore store;
    private final ObjectMapper json = new ObjectMapper();

    public DefaultOsqueryOptionsService(OsqueryOptionsStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public OsqueryOptionsSpec get(Viewer viewer) {
        Access.requireActive(viewer);
        OsqueryOptions options = store.get();
        return new OsqueryOptionsSpec(options.defaultConfig(), options.platformConfigs());
    }

    @Override
    public void apply(Viewer viewer, OsqueryOptionsSpec spec) {
        Access.requireAdmin(viewer);
        requireNonNull(spec, "spec is null");
        Problems problems = new Problems();
        requireObject(problems, "spec.config", spec.config());
        spec.platformOverrides().forEach((platform, config) -> {
            String field = "spec.overrides.platforms." + platform;
            problems.addIf(platform == null || platform.isBlank(), "spec.overrides.platforms",
                    "platform names cannot be empty");
            requireObject(problems, field, config);
        });
        problems.throwIfAny();
        store.replace(new OsqueryOptions(spec.config(), spec.platformOverrides()));
    }

    /** The config is handed to osquery as is, so it must at least be a JSON object. */
    private void requireObject(Problems problems, String field, String config) {
        try {
            if (config == null || !json.readTree(config).isObject()) {
                problems.add(field, "must be a JSON object, such as {\"options\":{}}");
            }
        } catch (JsonProcessingException e) {
            problems.add(field, "must be a JSON object, such as {\"options\":{}}");
        }
    }
}
