package dev.kolide.fleet.service.osquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostPack;
import dev.kolide.fleet.domain.ScheduledQuery;
import dev.kolide.fleet.service.osquery.snapshot.ConfigSnapshot;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A host's osquery config, Kolide Fleet's GetClientConfig from memory: the base config of the host's platform
 * (its override, else the default: replaced, not merged), then {@code packs}, when any pack targets the host
 * directly or through its labels:
 * <pre>{"packs": {"name": {"platform": "...", "queries": {"q": {"query", "interval", "platform", "version",
 * "removed", "shard", "snapshot"}}}}}</pre>
 * Unset query options are left out; {@code snapshot} appears only when true, as Kolide did. Blank platform and
 * version strings are left out too: osquery would read an empty version as a requirement it cannot meet.
 */
final class ConfigAssembler {

    private ConfigAssembler() {}

    static ObjectNode assemble(ConfigSnapshot snapshot, long hostId, String platform, Set<Long> labelIds) {
        ObjectNode config = snapshot.baseConfig(platform);
        List<HostPack> packs = snapshot.packsFor(hostId, labelIds);
        if (packs.isEmpty()) {
            return config;
        }
        ObjectNode packsNode = config.putObject("packs");
        for (HostPack hostPack : packs) {
            ObjectNode pack = packsNode.putObject(hostPack.pack().name());
            if (!hostPack.pack().platform().isBlank()) {
                pack.put("platform", hostPack.pack().platform());
            }
            ObjectNode queries = pack.putObject("queries");
            for (ScheduledQuery scheduled : hostPack.queries()) {
                ObjectNode query = queries.putObject(scheduled.name());
                query.put("query", scheduled.query());
                query.put("interval", scheduled.interval());
                if (scheduled.platform() != null && !scheduled.platform().isBlank()) {
                    query.put("platform", scheduled.platform());
                }
                if (scheduled.version() != null && !scheduled.version().isBlank()) {
                    query.put("version", scheduled.version());
                }
                if (scheduled.removed() != null) {
                    query.put("removed", scheduled.removed());
                }
                if (scheduled.shard() != null) {
                    query.put("shard", scheduled.shard());
                }
                if (Boolean.TRUE.equals(scheduled.snapshot())) {
                    query.put("snapshot", true);
                }
            }
        }
        return config;
    }

    /**
     * The intervals a host gets from this config's {@code options}: {@code distributed_interval},
     * {@code logger_tls_period} and {@code config_refresh} ({@code config_tls_refresh} before osquery 2.4.6),
     * where set to a whole number (or a numeric string, as Kolide's cast did); the host's own values otherwise.
     */
    static HostIntervals servedIntervals(ObjectNode config, HostIntervals current) {
        JsonNode options = config.path("options");
        int distributed = seconds(options.path("distributed_interval")).orElse(current.distributedInterval());
        int logger = seconds(options.path("logger_tls_period")).orElse(current.loggerTlsPeriod());
        OptionalInt refresh = seconds(options.path("config_refresh"));
        if (refresh.isEmpty()) {
            refresh = seconds(options.path("config_tls_refresh"));
        }
        return new HostIntervals(distributed, refresh.orElse(current.configTlsRefresh()), logger);
    }

    private static OptionalInt seconds(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0) {
            return OptionalInt.of(value.intValue());
        }
        if (value.isTextual()) {
            try {
                int parsed = Integer.parseInt(value.textValue().strip());
                return parsed >= 0 ? OptionalInt.of(parsed) : OptionalInt.empty();
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }
}
