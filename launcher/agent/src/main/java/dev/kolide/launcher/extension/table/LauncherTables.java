package dev.kolide.launcher.extension.table;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.version.BuildInfo;
import dev.kolide.launcher.service.GoPlatform;
import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.TablePlugin;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The launcher's own tables (reference launcher.md §1.3): {@code kolide_launcher_info} (the build; its
 * {@code go_version} column carries the Java version, in the same spirit), {@code kolide_launcher_config} (the
 * config the server last sent), {@code kolide_launcher_identifier} (the host identifier) and
 * {@code kolide_launcher_autoupdate_config} (the autoupdate flags).
 */
public final class LauncherTables {
    private LauncherTables() {}

    public static TablePlugin info(BuildInfo build) {
        requireNonNull(build, "build is null");
        return new TablePlugin("kolide_launcher_info",
                List.of(ColumnDefinition.text("version"), ColumnDefinition.text("go_version"),
                        ColumnDefinition.text("branch"), ColumnDefinition.text("revision"),
                        ColumnDefinition.text("build_date"), ColumnDefinition.text("build_user"),
                        ColumnDefinition.text("goos"), ColumnDefinition.text("goarch")),
                context -> {
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("version", build.version());
                    row.put("go_version", build.javaVersion());
                    row.put("branch", build.branch());
                    row.put("revision", build.revision());
                    row.put("build_date", build.buildDate());
                    row.put("build_user", build.buildUser());
                    GoPlatform platform = GoPlatform.current();
                    row.put("goos", platform.os());
                    row.put("goarch", platform.arch());
                    return List.of(row);
                });
    }

    /** {@code config}: the cached server config; no row before the first one arrived. */
    public static TablePlugin config(Supplier<Optional<String>> cachedConfig) {
        requireNonNull(cachedConfig, "cachedConfig is null");
        return new TablePlugin("kolide_launcher_config", List.of(ColumnDefinition.text("config")),
                context -> cachedConfig.get().map(config -> List.of(Map.of("config", config))).orElse(List.of()));
    }

    /** {@code identifier}: the host identifier the launcher enrolls under. */
    public static TablePlugin identifier(Supplier<String> identifier) {
        requireNonNull(identifier, "identifier is null");
        return new TablePlugin("kolide_launcher_identifier", List.of(ColumnDefinition.text("identifier")),
                context -> List.of(Map.of("identifier", identifier.get())));
    }

    /**
     * {@code kolide_launcher_autoupdate_config}: the autoupdate flags, as Kolide's launcher reports them
     * ({@code autoupdate} 1 or 0, {@code autoupdate_interval} in seconds).
     */
    public static TablePlugin autoupdateConfig(boolean autoupdate, String notaryServerUrl, String mirrorServerUrl,
            Duration autoupdateInterval, String updateChannel) {
        requireNonNull(notaryServerUrl, "notaryServerUrl is null");
        requireNonNull(mirrorServerUrl, "mirrorServerUrl is null");
        requireNonNull(autoupdateInterval, "autoupdateInterval is null");
        requireNonNull(updateChannel, "updateChannel is null");
        Map<String, String> row = new LinkedHashMap<>();
        row.put("autoupdate", autoupdate ? "1" : "0");
        row.put("notary_server_url", notaryServerUrl);
        row.put("mirror_server_url", mirrorServerUrl);
        row.put("autoupdate_interval", Long.toString(autoupdateInterval.toSeconds()));
        row.put("update_channel", updateChannel);
        Map<String, String> fixed = Map.copyOf(row);
        return new TablePlugin("kolide_launcher_autoupdate_config",
                List.of(ColumnDefinition.integer("autoupdate"), ColumnDefinition.text("notary_server_url"),
                        ColumnDefinition.text("mirror_server_url"), ColumnDefinition.integer("autoupdate_interval"),
                        ColumnDefinition.text("update_channel")),
                context -> List.of(fixed));
    }
}
