package dev.kolide.osquery.lite.manager;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.ExtensionStatus;
import dev.kolide.osquery.sdk.OsqueryTransportException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * osqueryd's watch over its extensions: each check pings every extension on its own socket; an extension that
 * fails two checks in a row is removed with its routes. Run {@link #check()} every {@code --extensions_interval}.
 */
public final class ExtensionHealth {
    static final int FAILURES_BEFORE_REMOVAL = 2;

    private final Logger log = LoggerFactory.getLogger(ExtensionHealth.class);
    private final ExtensionRegistry registry;
    private final Map<Long, Integer> failures = new HashMap<>();

    public ExtensionHealth(ExtensionRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /** Pings every extension once. */
    public synchronized void check() {
        Set<Long> seen = new HashSet<>();
        for (RegisteredExtension extension : registry.extensions()) {
            seen.add(extension.uuid());
            String problem = null;
            try {
                ExtensionStatus status = extension.client().ping();
                if (!status.isOk()) {
                    problem = "ping answered " + status.code() + ": " + status.message();
                }
            } catch (OsqueryTransportException e) {
                problem = e.getMessage();
            }
            if (problem == null) {
                failures.remove(extension.uuid());
                continue;
            }
            int count = failures.merge(extension.uuid(), 1, Integer::sum);
            log.warn("extension {} (uuid {}) failed a health check ({} of {}): {}", extension.info().name(),
                    extension.uuid(), count, FAILURES_BEFORE_REMOVAL, problem);
            if (count >= FAILURES_BEFORE_REMOVAL) {
                failures.remove(extension.uuid());
                registry.deregister(extension.uuid());
                log.warn("extension {} (uuid {}) removed: it stopped answering", extension.info().name(),
                        extension.uuid());
            }
        }
        failures.keySet().retainAll(seen);
    }

    /** Asks every extension to shut down, as osqueryd does when it stops, and forgets them. */
    public void shutdownAll() {
        for (RegisteredExtension extension : registry.extensions()) {
            try {
                extension.client().shutdown();
            } catch (OsqueryTransportException e) {
                log.debug("extension {} did not take the shutdown call: {}", extension.info().name(), e.getMessage());
            }
            registry.deregister(extension.uuid());
        }
    }
}
