package dev.kolide.kit.flags;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Kolide-style flag file, as read by {@code launcher --config FILE}: one {@code flag value} or bare
 * {@code flag} per line, {@code #} starts a comment line, blank lines are ignored. A flag may appear more
 * than once (repeatable flags such as {@code osquery_flag}); leading dashes on a name are tolerated.
 *
 * <p>A file named {@code *.yml} or {@code *.yaml} is read as Kolide Fleet's YAML configuration instead: nested
 * keys join with {@code _} ({@code mysql: {address: x}} sets {@code --mysql_address}), a list sets a repeatable
 * flag once per element.
 */
public final class FlagFile {
    /** Flag files are a few hundred bytes; anything near this is not one. */
    static final long MAX_BYTES = 1024 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final Path source;
    private final Map<String, List<String>> values;

    private FlagFile(Path source, Map<String, List<String>> values) {
        this.source = source;
        this.values = values;
    }

    /** A file that sets nothing. */
    public static FlagFile empty() {
        return new FlagFile(null, Map.of());
    }

    /**
     * Reads and parses {@code path}.
     *
     * @throws FlagException naming the file (and line) when it cannot be read or a line is malformed
     */
    public static FlagFile read(Path path) {
        requireNonNull(path, "path is null");
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new FlagException("flag file " + path + " is larger than " + MAX_BYTES + " bytes");
            }
            byte[] bytes = Files.readAllBytes(path);
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                return YamlFlags.parse(path, text);
            }
            return parse(path, text);
        } catch (NoSuchFileException e) {
            throw new FlagException("flag file " + path + " does not exist", e);
        } catch (CharacterCodingException e) {
            throw new FlagException("flag file " + path + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new FlagException("reading flag file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code text}; {@code source} only names it in errors. */
    public static FlagFile parse(Path source, String text) {
        requireNonNull(text, "text is null");
        Map<String, List<String>> values = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String name = stripDashes(parts[0]);
            if (!NAME.matcher(name).matches()) {
                throw new FlagException((source == null ? "flag file" : "flag file " + source)
                        + " line " + (i + 1) + ": \"" + parts[0] + "\" is not a flag name");
            }
            String value = parts.length > 1 ? parts[1].strip() : null;
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        values.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new FlagFile(source, Collections.unmodifiableMap(values));
    }

    /** A file from already-flattened {@code values}; {@code source} names it in errors. */
    static FlagFile of(Path source, Map<String, List<String>> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        return new FlagFile(source, Collections.unmodifiableMap(copy));
    }

    private static String stripDashes(String name) {
        int i = 0;
        while (i < name.length() && i < 2 && name.charAt(i) == '-') {
            i++;
        }
        return name.substring(i);
    }

    /** Every line for {@code name} in file order; a bare flag gives a {@code null} element. */
    public List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    public java.util.Set<String> names() {
        return values.keySet();
    }

    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }
}
