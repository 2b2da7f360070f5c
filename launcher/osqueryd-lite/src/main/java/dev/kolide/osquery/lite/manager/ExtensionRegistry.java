package dev.kolide.osquery.lite.manager;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.ExtensionInfo;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.ExtensionStatus;
import dev.kolide.osquery.sdk.OsqueryTransportException;
import dev.kolide.osquery.sdk.client.ExtensionManagerClient;
import dev.kolide.osquery.sdk.plugin.Plugin;
import dev.kolide.osquery.sdk.plugin.Registries;
import dev.kolide.osquery.sdk.transport.SocketPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * osqueryd's registry of plugins: its own (internal, owner uuid 0) and those extensions registered, with osqueryd's
 * rules: an extension name may be registered once ("Duplicate extension registered"), a plugin name once per
 * registry across osqueryd and every extension ("Duplicate registry item: x"), uuids are random 16-bit numbers.
 * Registries other than table, config, logger and distributed are ignored.
 */
public final class ExtensionRegistry {
    private final Logger log = LoggerFactory.getLogger(ExtensionRegistry.class);
    private final Path managerSocket;
    private final Duration timeout;
    private final Random random;
    private final Map<String, Map<String, Plugin>> internal = new LinkedHashMap<>();
    private final Set<String> internalTables;
    private final Map<Long, RegisteredExtension> extensions = new LinkedHashMap<>();

    /**
     * @param managerSocket the extensions socket; extension {@code u} serves on {@code <socket>.<u>}
     * @param timeout for calls to extensions
     * @param random the source of uuids
     * @param internalPlugins osqueryd-lite's own config and logger plugins
     * @param internalTables the names of the built-in tables (which extensions may not register again)
     */
    public ExtensionRegistry(Path managerSocket, Duration timeout, Random random, List<Plugin> internalPlugins,
            Set<String> internalTables) {
        this.managerSocket = requireNonNull(managerSocket, "managerSocket is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.random = requireNonNull(random, "random is null");
        this.internalTables = Set.copyOf(requireNonNull(internalTables, "internalTables is null"));
        for (String registry : Registries.NAMES) {
            internal.put(registry, new LinkedHashMap<>());
        }
        for (Plugin plugin : requireNonNull(internalPlugins, "internalPlugins is null")) {
            internal.get(plugin.registry()).put(plugin.name(), plugin);
        }
    }

    /** Registers an extension; the status carries its uuid, or code 1 with osqueryd's reason. */
    public synchronized ExtensionStatus register(ExtensionInfo info,
            Map<String, Map<String, List<Map<String, String>>>> registry) {
        requireNonNull(info, "info is null");
        requireNonNull(registry, "registry is null");
        if (info.name().isBlank()) {
            return ExtensionStatus.failed("Extension name is empty");
        }
        for (RegisteredExtension existing : extensions.values()) {
            if (existing.info().name().equals(info.name())) {
                return ExtensionStatus.failed("Duplicate extension registered");
            }
        }
        Map<String, Map<String, List<Map<String, String>>>> accepted = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, List<Map<String, String>>>> entry : registry.entrySet()) {
            if (!Registries.isKnown(entry.getKey())) {
                log.debug("extension {} registers plugins in unknown registry {}; ignored", info.name(), entry.getKey());
                continue;
            }
            for (String item : entry.getValue().keySet()) {
                if (taken(entry.getKey(), item)) {
                    return ExtensionStatus.failed("Duplicate registry item: " + item);
                }
            }
            accepted.put(entry.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(entry.getValue())));
        }
        long uuid;
        do {
            uuid = 1 + random.nextInt(65535);
        } while (extensions.containsKey(uuid));
        Path socket = SocketPaths.extensionSocket(managerSocket, uuid);
        extensions.put(uuid, new RegisteredExtension(uuid, info, socket, Collections.unmodifiableMap(accepted),
                ExtensionManagerClient.lazy(socket, timeout)));
        log.info("extension {} (version \"{}\") registered as uuid {}", info.name(), info.version(), uuid);
        return new ExtensionStatus(ExtensionStatus.SUCCESS, "OK", uuid);
    }

    /** Removes an extension and its routes; code 1 when no extension has {@code uuid}. */
    public ExtensionStatus deregister(long uuid) {
        RegisteredExtension removed;
        synchronized (this) {
            removed = extensions.remove(uuid);
        }
        if (removed == null) {
            return new ExtensionStatus(ExtensionStatus.FAILED, "No extension UUID registered", uuid);
        }
        removed.client().close();
        log.info("extension {} (uuid {}) deregistered", removed.info().name(), uuid);
        return new ExtensionStatus(ExtensionStatus.SUCCESS, "OK", uuid);
    }

    public synchronized Map<Long, ExtensionInfo> extensionInfos() {
        Map<Long, ExtensionInfo> infos = new LinkedHashMap<>();
        extensions.forEach((uuid, extension) -> infos.put(uuid, extension.info()));
        return infos;
    }

    public synchronized List<RegisteredExtension> extensions() {
        return List.copyOf(extensions.values());
    }

    /** Whether an extension of this name is registered. */
    public synchronized boolean hasExtension(String name) {
        return extensions.values().stream().anyMatch(e -> e.info().name().equals(name));
    }

    /** Whether a plugin of this name exists in {@code registry}, internal or from an extension. */
    public synchronized boolean hasPlugin(String registry, String item) {
        return taken(registry, item);
    }

    /** Whether osqueryd-lite or an extension already has a plugin {@code item} in {@code registry}. */
    private boolean taken(String registry, String item) {
        if (internal.getOrDefault(registry, Map.of()).containsKey(item)
                || (Registries.TABLE.equals(registry) && internalTables.contains(item))) {
            return true;
        }
        for (RegisteredExtension extension : extensions.values()) {
            if (extension.routes().getOrDefault(registry, Map.of()).containsKey(item)) {
                return true;
            }
        }
        return false;
    }

    /** The extension tables: name → routes, and their owner. */
    public synchronized Map<String, RegisteredExtension> extensionTables() {
        Map<String, RegisteredExtension> tables = new LinkedHashMap<>();
        for (RegisteredExtension extension : extensions.values()) {
            for (String table : extension.routes().getOrDefault(Registries.TABLE, Map.of()).keySet()) {
                tables.put(table, extension);
            }
        }
        return tables;
    }

    /** Every plugin: registry, name, owner uuid (0 for osqueryd-lite's own), for osquery_registry. */
    public synchronized List<RegistryItem> items() {
        List<RegistryItem> items = new ArrayList<>();
        internal.forEach((registry, plugins) -> plugins.keySet().forEach(name ->
                items.add(new RegistryItem(registry, name, 0))));
        for (String table : internalTables) {
            items.add(new RegistryItem(Registries.TABLE, table, 0));
        }
        for (RegisteredExtension extension : extensions.values()) {
            extension.routes().forEach((registry, plugins) -> plugins.keySet().forEach(name ->
                    items.add(new RegistryItem(registry, name, extension.uuid()))));
        }
        return items;
    }

    /** One plugin in the registry. */
    public record RegistryItem(String registry, String name, long ownerUuid) {}

    /**
     * Calls plugin {@code item} of {@code registry}: osqueryd-lite's own, or the extension's over its socket. An
     * unknown plugin or an extension that does not answer gives code 1 with a message.
     */
    public ExtensionResponse call(String registry, String item, Map<String, String> request) {
        Plugin plugin;
        RegisteredExtension extension = null;
        synchronized (this) {
            if (!Registries.isKnown(registry)) {
                return ExtensionResponse.failed("Unknown registry: " + registry);
            }
            plugin = internal.get(registry).get(item);
            if (plugin == null) {
                for (RegisteredExtension candidate : extensions.values()) {
                    if (candidate.routes().getOrDefault(registry, Map.of()).containsKey(item)) {
                        extension = candidate;
                        break;
                    }
                }
            }
        }
        if (plugin != null) {
            try {
                ExtensionResponse response = plugin.call(request);
                return response == null ? ExtensionResponse.ok(List.of()) : response;
            } catch (RuntimeException e) {
                log.warn("internal plugin {}/{} failed", registry, item, e);
                return ExtensionResponse.failed(registry + " plugin " + item + " failed: " + e.getMessage());
            }
        }
        if (extension == null) {
            return ExtensionResponse.failed("Unknown registry item: " + item);
        }
        try {
            return extension.client().call(registry, item, request);
        } catch (OsqueryTransportException e) {
            return ExtensionResponse.failed("extension " + extension.info().name() + " did not answer: "
                    + e.getMessage());
        }
    }
}
