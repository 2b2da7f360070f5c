package dev.kolide.osquery.lite.tls;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.osquery.sdk.plugin.Plugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * osquery's built-in {@code tls} plugins (config, logger, distributed, with TLS enrollment) over one client and
 * one node key, so the engine talks to fleet's osquery API as osqueryd does with {@code --config_plugin=tls}
 * and friends. The engine registers {@link #plugins()} as its own and starts the logger's sender when
 * {@code --logger_plugin} names {@code tls}.
 *
 * <pre>{@code
 * TlsPlugins tls = new TlsPlugins(options, "5.0.0-lite", engine::hostIdentifier, sql, databasePath, json);
 * registry = new ExtensionRegistry(..., tls.plugins(), ...);
 * tls.startLogger();   // ... tls.stop();
 * }</pre>
 */
public final class TlsPlugins {
    /** The plugins' name in each registry, as the flags select them. */
    public static final String NAME = "tls";

    /** Runs SQL on the engine's tables. */
    @FunctionalInterface
    public interface Sql {
        List<Map<String, String>> rows(String sql) throws Exception;
    }

    private final TlsLoggerPlugin logger;
    private final List<Plugin> plugins;

    /**
     * @param version the engine's version (the User-Agent says {@code osquery/<version>})
     * @param hostIdentifier per {@code --host_identifier}
     * @param sql runs SQL on the engine's tables, for the enrollment's host details
     * @param databasePath {@code --database_path}, where the node key is kept
     */
    public TlsPlugins(TlsOptions options, String version, Supplier<String> hostIdentifier, Sql sql,
            Path databasePath, ObjectMapper json) {
        requireNonNull(options, "options is null");
        TlsClient client = new TlsClient(options, version, json);
        TlsEnrollment enrollment = new TlsEnrollment(options, client, new NodeKeyStore(databasePath), hostIdentifier,
                new HostDetails(sql, json), json);
        TlsNodeApi api = new TlsNodeApi(client, enrollment, options.retryBackoff());
        this.logger = new TlsLoggerPlugin(options, api, json);
        this.plugins = List.of(TlsConfigPlugin.create(options, api, json), logger.plugin(),
                new TlsDistributedPlugin(options, api, json));
    }

    /** The config, logger and distributed plugins, each named {@value #NAME}. */
    public List<Plugin> plugins() {
        return plugins;
    }

    /** Sends buffered logs every {@code --logger_tls_period} until {@link #stop()}. */
    public void startLogger() {
        logger.start();
    }

    /** A config's {@code logger_tls_period} option. */
    public void setLoggerPeriod(Duration period) {
        logger.setPeriod(period);
    }

    /** Stops the logger's sender after one last, short attempt to send what is buffered. */
    public void stop() {
        logger.stop();
    }
}
