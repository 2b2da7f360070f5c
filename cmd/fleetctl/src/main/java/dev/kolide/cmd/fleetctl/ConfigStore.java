package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * fleetctl's own config file, {@code ~/.fleet/config} by default: {@code contexts: {<name>: {address, email,
 * token, tls-skip-verify, rootca, url-prefix}}}, as Kolide's fleetctl wrote it. It holds session tokens, so it is
 * written only by its owner ({@code 0600}, its directory {@code 0700}), replaced atomically.
 */
public final class ConfigStore {
    public static final String DEFAULT_CONTEXT = "default";

    /** The whole file. Unknown top-level keys are dropped when it is written back. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ConfigFile(@JsonProperty("contexts") Map<String, CliContext> contexts) {
        ConfigFile {
            contexts = contexts == null ? Map.of() : new TreeMap<>(contexts);
        }
    }

    private final Path path;
    private final ObjectMapper yaml;

    public ConfigStore(Path path) {
        this.path = requireNonNull(path, "path is null");
        this.yaml = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public Path path() {
        return path;
    }

    /** The context called {@code name}; an empty one when the file or the context does not exist yet. */
    public CliContext context(String name) {
        requireNonNull(name, "name is null");
        CliContext context = read().contexts().get(name);
        return context == null ? CliContext.empty() : context;
    }

    /** Replaces the context called {@code name}, keeping the others. */
    public void save(String name, CliContext context) {
        requireNonNull(name, "name is null");
        requireNonNull(context, "context is null");
        Map<String, CliContext> contexts = new LinkedHashMap<>(read().contexts());
        contexts.put(name, context);
        write(new ConfigFile(contexts));
    }

    private ConfigFile read() {
        if (!Files.exists(path)) {
            return new ConfigFile(Map.of());
        }
        try {
            if (Files.size(path) == 0) {
                return new ConfigFile(Map.of());
            }
            ConfigFile file = yaml.readValue(path.toFile(), ConfigFile.class);
            return file == null ? new ConfigFile(Map.of()) : file;
        } catch (IOException e) {
            throw new CliException("reading fleetctl config " + path, e);
        }
    }

    private void write(ConfigFile file) {
        Path dir = path.toAbsolutePath().getParent();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, ownerOnly("rwx------"));
            }
            Path temp = Files.createTempFile(dir, ".config-", ".tmp", ownerOnly("rw-------"));
            try {
                yaml.writeValue(temp.toFile(), file);
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new CliException("writing fleetctl config " + path + ": " + e.getFile() + " is in the way", e);
        } catch (IOException e) {
            throw new CliException("writing fleetctl config " + path, e);
        }
    }

    /** POSIX permissions where the file system has them (not on Windows, where the profile directory is private). */
    private FileAttribute<?>[] ownerOnly(String permissions) {
        if (!path.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> set = PosixFilePermissions.fromString(permissions);
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(set)};
    }
}
