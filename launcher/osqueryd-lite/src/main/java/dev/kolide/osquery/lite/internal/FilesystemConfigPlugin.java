package dev.kolide.osquery.lite.internal;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ConfigPlugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** osqueryd's {@code filesystem} config plugin: the JSON file at {@code --config_path}. */
public final class FilesystemConfigPlugin {
    private FilesystemConfigPlugin() {}

    public static ConfigPlugin create(Path configPath) {
        requireNonNull(configPath, "configPath is null");
        return new ConfigPlugin("filesystem", () -> {
            try {
                return Map.of(configPath.toString(), Files.readString(configPath, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IOException("config file " + configPath + " cannot be read: " + e.getMessage(), e);
            }
        });
    }
}
