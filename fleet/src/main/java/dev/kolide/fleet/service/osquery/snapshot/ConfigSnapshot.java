package dev.kolide.fleet.service.osquery.snapshot;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostPack;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.LabelMembershipType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every host's config and label queries are made of, as read at {@link #loadedAt()}: the app config, the
 * osquery options (parsed), the dynamic labels and the enabled packs with their queries and targets. Immutable;
 * {@link ConfigSnapshots} replaces it every few seconds, so a config fetch or a distributed read computes from
 * memory whatever the number of hosts.
 */
public final class ConfigSnapshot {
    private final Instant loadedAt;
    private final AppConfig appConfig;
    private final ObjectNode defaultConfig;
    private final Map<String, ObjectNode> platformConfigs;
    private final List<Label> dynamicLabels;
    private final List<TargetedPack> packs;

    /**
     * @param defaultConfig the osquery options' default config, parsed
     * @param platformConfigs platform → its whole config (an override, not merged with the default)
     * @param labels every label; only the dynamic ones are kept
     * @param packs the enabled packs with their targets, in the order configs list them
     */
    public ConfigSnapshot(Instant loadedAt, AppConfig appConfig, ObjectNode defaultConfig,
            Map<String, ObjectNode> platformConfigs, List<Label> labels, List<TargetedPack> packs) {
        this.loadedAt = requireNonNull(loadedAt, "loadedAt is null");
        this.appConfig = requireNonNull(appConfig, "appConfig is null");
        this.defaultConfig = requireNonNull(defaultConfig, "defaultConfig is null").deepCopy();
        Map<String, ObjectNode> platforms = new TreeMap<>();
        requireNonNull(platformConfigs, "platformConfigs is null")
                .forEach((platform, config) -> platforms.put(platform, config.deepCopy()));
        this.platformConfigs = Collections.unmodifiableMap(platforms);
        this.dynamicLabels = requireNonNull(labels, "labels is null").stream()
                .filter(label -> label.membershipType() == LabelMembershipType.DYNAMIC)
                .toList();
        this.packs = List.copyOf(requireNonNull(packs, "packs is null"));
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public AppConfig appConfig() {
        return appConfig;
    }

    /** A fresh copy of the base config for hosts of {@code platform}: its override, else the default. */
    public ObjectNode baseConfig(String platform) {
        requireNonNull(platform, "platform is null");
        return platformConfigs.getOrDefault(platform, defaultConfig).deepCopy();
    }

    /**
     * The dynamic label queries {@code host} should run (label id → SQL, by id): those of its platform and of
     * every platform; all of them when its label results are older than {@code staleBefore}, else only those
     * changed since its last results. {@link dev.kolide.fleet.datastore.LabelStore#queriesForHost}'s rule,
     * from memory.
     */
    public Map<Long, String> labelQueriesFor(Host host, Instant staleBefore) {
        requireNonNull(host, "host is null");
        requireNonNull(staleBefore, "staleBefore is null");
        boolean stale = host.labelUpdatedAt().isBefore(staleBefore);
        String platform = host.inventory().platform();
        Map<Long, String> queries = new TreeMap<>();
        for (Label label : dynamicLabels) {
            boolean forPlatform = label.platform().isEmpty() || label.platform().equals(platform);
            if (forPlatform && (stale || label.updatedAt().isAfter(host.labelUpdatedAt()))) {
                queries.put(label.id(), label.query());
            }
        }
        return queries;
    }

    /** The packs that apply to host {@code hostId} with labels {@code labelIds}, in config order. */
    public List<HostPack> packsFor(long hostId, Set<Long> labelIds) {
        requireNonNull(labelIds, "labelIds is null");
        List<HostPack> result = new ArrayList<>();
        for (TargetedPack pack : packs) {
            if (pack.targets(hostId, labelIds)) {
                result.add(pack.pack());
            }
        }
        return result;
    }

    /** The app config's additional queries, name → SQL. */
    public Map<String, String> additionalQueries() {
        return new LinkedHashMap<>(appConfig.additionalQueries());
    }
}
