package dev.kolide.osquery.sdk;

import java.util.Map;

/**
 * osquery's {@code Extension} service: what osqueryd calls on an extension (and, through {@link
 * ExtensionManager}, what an extension calls on osqueryd). Transport failures surface as {@link
 * OsqueryTransportException}; plugin failures are statuses with a non-zero code, never exceptions.
 */
public interface Extension {
    ExtensionStatus ping();

    /** Calls plugin {@code item} of {@code registry} (table, config, logger, distributed) with {@code request}. */
    ExtensionResponse call(String registry, String item, Map<String, String> request);

    /** Asks the peer to stop; returns once it has acknowledged. */
    void shutdown();
}
