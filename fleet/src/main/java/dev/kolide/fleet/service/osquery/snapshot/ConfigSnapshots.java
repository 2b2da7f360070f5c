package dev.kolide.fleet.service.osquery.snapshot;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.datastore.AppConfigStore;
import dev.kolide.fleet.datastore.LabelStore;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.OsqueryOptionsStore;
import dev.kolide.fleet.datastore.PackStore;
import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.domain.HostPack;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.OsqueryOptions;
import dev.kolide.fleet.domain.PackTarget;
import dev.kolide.fleet.domain.TargetType;
import dev.kolide.kit.run.Actor;
import dev.kolide.kit.run.PeriodicActor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link ConfigSnapshot} and reloads it: five statements per reload (osquery options, app
 * config, labels, enabled packs with their queries, pack targets), every {@value #DEFAULT_REFRESH_SECONDS} s
 * as a run group actor, whatever the number of hosts. Changes made through the REST API reach hosts within that
 * time; the REST side may call {@link #reload()} after a change to make it immediate on its own node.
 *
 * <p>The first {@link #current()} loads synchronously. A failed periodic reload is logged and the previous
 * snapshot kept: hosts keep their configs while the database is away.
 */
public final class ConfigSnapshots {
    public static final long DEFAULT_REFRESH_SECONDS = 5;
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(DEFAULT_REFRESH_SECONDS);

    private final Logger log = LoggerFactory.getLogger(ConfigSnapshots.class);
    private final OsqueryOptionsStore options;
    private final AppConfigStore appConfig;
    private final LabelStore labels;
    private final PackStore packs;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile ConfigSnapshot current;

    public ConfigSnapshots(OsqueryOptionsStore options, AppConfigStore appConfig, LabelStore labels, PackStore packs,
            ObjectMapper json, Clock clock) {
        this.options = requireNonNull(options, "options is null");
        this.appConfig = requireNonNull(appConfig, "appConfig is null");
        this.labels = requireNonNull(labels, "labels is null");
        this.packs = requireNonNull(packs, "packs is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The current snapshot; the first call loads it (and throws if that fails). */
    public ConfigSnapshot current() {
        ConfigSnapshot snapshot = current;
        return snapshot != null ? snapshot : reload();
    }

    /** Reads everything again and makes it current. */
    public synchronized ConfigSnapshot reload() {
        // Taken before reading, so that a change made during the reload counts as after it.
        Instant loadedAt = clock.instant();
        OsqueryOptions osqueryOptions = options.get();
        AppConfig config = appConfig.get();
        List<Label> allLabels = labels.list(ListOptions.all());
        List<HostPack> enabled = packs.listEnabledWithQueries();
        List<PackTarget> targets = packs.listAllTargets();
        Map<String, ObjectNode> platforms = new TreeMap<>();
        osqueryOptions.platformConfigs().forEach((platform, text) ->
                platforms.put(platform, parse(text, "the " + platform + " override")));
        ConfigSnapshot snapshot = new ConfigSnapshot(loadedAt, config,
                parse(osqueryOptions.defaultConfig(), "the default config"), platforms, allLabels,
                targeted(enabled, targets));
        current = snapshot;
        return snapshot;
    }

    /** An actor for the run group: reloads every {@code interval}, logging failures. */
    public Actor refresher(Duration interval) {
        return new PeriodicActor(interval, () -> {
            try {
                reload();
            } catch (RuntimeException e) {
                log.atWarn().setCause(e).log("reloading the osquery config snapshot failed; keeping the previous one");
            }
        });
    }

    private static List<TargetedPack> targeted(List<HostPack> enabled, List<PackTarget> targets) {
        Map<Long, Set<Long>> labelTargets = new HashMap<>();
        Map<Long, Set<Long>> hostTargets = new HashMap<>();
        for (PackTarget target : targets) {
            (target.type() == TargetType.LABEL ? labelTargets : hostTargets)
                    .computeIfAbsent(target.packId(), id -> new HashSet<>())
                    .add(target.targetId());
        }
        List<TargetedPack> result = new ArrayList<>(enabled.size());
        for (HostPack pack : enabled) {
            long id = pack.pack().id();
            result.add(new TargetedPack(pack, labelTargets.getOrDefault(id, Set.of()),
                    hostTargets.getOrDefault(id, Set.of())));
        }
        return result;
    }

    /**
     * An osquery options config as a JSON object. The REST side validates specs, so a bad one is a bug or a hand
     * edit: it is logged and served as {@code {}} rather than failing every host's config.
     */
    private ObjectNode parse(String text, String which) {
        try {
            JsonNode node = json.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // reported below, without the text, which may hold secrets (TLS or logger options)
        }
        log.atError().addKeyValue("config", which).log("an osquery options config is not a JSON object; serving {}");
        return json.createObjectNode();
    }
}
