package dev.kolide.osquery.sdk.plugin;

import dev.kolide.osquery.sdk.ExtensionResponse;
import java.util.List;
import java.util.Map;

/**
 * One plugin an extension offers osqueryd: a table, a config source, a logger or a distributed-query source.
 * {@link TablePlugin}, {@link ConfigPlugin}, {@link LoggerPlugin} and {@link DistributedPlugin} implement it for
 * the four registries osquery-go supports.
 *
 * <p>{@link #call(Map)} must not throw: failures are responses with code 1 and a message, which osqueryd logs.
 */
public interface Plugin {
    /** The plugin's name in its registry: the table name, or what {@code --config_plugin=} and friends name. */
    String name();

    /** One of {@link Registries#NAMES}. */
    String registry();

    /** What the extension broadcasts when it registers: a table's columns; nothing for the other registries. */
    List<Map<String, String>> routes();

    /** Handles one request from osqueryd. */
    ExtensionResponse call(Map<String, String> request);

    /** Called when the extension shuts down. */
    default void shutdown() {}
}
