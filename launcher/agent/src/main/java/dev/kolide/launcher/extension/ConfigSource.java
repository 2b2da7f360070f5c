package dev.kolide.launcher.extension;

import static java.util.Objects.requireNonNull;

import dev.kolide.launcher.enroll.NodeKeys;
import dev.kolide.launcher.service.KolideService;
import dev.kolide.launcher.store.LauncherStore;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kolide_grpc} config plugin's source: the server's config, kept in launcher.db so a host whose server
 * is away still runs its last schedule (reference launcher.md §1.3).
 */
public final class ConfigSource {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigSource.class);
    /** The launcher.db key of the cached config. */
    public static final String KEY = "config";
    /** The source name osqueryd sees; osquery merges sources by name. */
    static final String SOURCE = "config";

    private final KolideService service;
    private final NodeKeys nodeKeys;
    private final LauncherStore store;

    public ConfigSource(KolideService service, NodeKeys nodeKeys, LauncherStore store) {
        this.service = requireNonNull(service, "service is null");
        this.nodeKeys = requireNonNull(nodeKeys, "nodeKeys is null");
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * {@code {"config": <json>}}: the server's config, or the cached one when the server cannot be asked.
     *
     * @throws ConfigUnavailableException when neither is available
     */
    public Map<String, String> generate() {
        try {
            String config = nodeKeys.call(service::requestConfig);
            if (!store.get(KEY).filter(config::equals).isPresent()) {
                store.put(KEY, config);
            }
            return Map.of(SOURCE, config);
        } catch (RuntimeException e) {
            String cached = store.get(KEY).orElse(null);
            if (cached == null) {
                throw new ConfigUnavailableException("requesting config from the server: " + e.getMessage()
                        + "; no cached config yet", e);
            }
            LOG.atWarn().addKeyValue("err", e.getMessage()).log("requesting config failed; using the cached config");
            return Map.of(SOURCE, cached);
        }
    }
}
