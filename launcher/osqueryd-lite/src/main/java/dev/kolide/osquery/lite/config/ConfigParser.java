package dev.kolide.osquery.lite.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads osquery config JSON: {@code schedule}, {@code packs} (inline, or a path to a pack file), {@code decorators}
 * and {@code options}. Sources merge in name order, as osqueryd merges them; a later source's query of the same
 * name wins. Queries and packs for other platforms are left out (this is Linux: "linux", "posix", "all", "any" and
 * no platform run). Other keys (file_paths, events ...) are accepted and ignored.
 */
public final class ConfigParser {
    private static final Set<String> OUR_PLATFORMS = Set.of("linux", "posix", "all", "any", "");
    private static final long DEFAULT_INTERVAL = 3600;

    private final ObjectMapper json;
    private final String packDelimiter;
    private final Function<String, Optional<String>> packFiles;

    /**
     * @param packDelimiter {@code --pack_delimiter}
     * @param packFiles reads a pack file named in the config (empty when it cannot)
     */
    public ConfigParser(ObjectMapper json, String packDelimiter, Function<String, Optional<String>> packFiles) {
        this.json = requireNonNull(json, "json is null");
        this.packDelimiter = requireNonNull(packDelimiter, "packDelimiter is null");
        this.packFiles = requireNonNull(packFiles, "packFiles is null");
    }

    /**
     * Parses and merges {@code sources} (source name → JSON).
     *
     * @throws IllegalArgumentException naming the source and what is wrong with it
     */
    public OsqueryConfig parse(Map<String, String> sources) {
        Map<String, ScheduledQuery> schedule = new LinkedHashMap<>();
        List<String> load = new ArrayList<>();
        List<String> always = new ArrayList<>();
        Map<Long, List<String>> interval = new TreeMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, String> source : new TreeMap<>(sources).entrySet()) {
            all.append(source.getKey()).append('\0').append(source.getValue()).append('\0');
            JsonNode root = readObject(source.getValue(), "config source " + source.getKey());
            root.path("schedule").fields().forEachRemaining(e ->
                    query(e.getKey(), e.getValue()).ifPresent(q -> schedule.put(q.name(), q)));
            JsonNode packs = root.path("packs");
            packs.fields().forEachRemaining(e -> pack(e.getKey(), e.getValue(), source.getKey(), schedule));
            JsonNode decorators = root.path("decorators");
            decorators.path("load").forEach(q -> load.add(q.asText()));
            decorators.path("always").forEach(q -> always.add(q.asText()));
            decorators.path("interval").fields().forEachRemaining(e -> {
                long seconds = parseLong(e.getKey(), -1);
                if (seconds > 0) {
                    e.getValue().forEach(q -> interval.computeIfAbsent(seconds, k -> new ArrayList<>()).add(q.asText()));
                }
            });
            root.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        }
        return new OsqueryConfig(new ArrayList<>(schedule.values()), new Decorators(load, always, interval), options,
                sha1(all.toString()));
    }

    private void pack(String packName, JsonNode pack, String source, Map<String, ScheduledQuery> schedule) {
        JsonNode body = pack;
        if (pack.isTextual()) {
            String path = pack.asText();
            String text = packFiles.apply(path).orElseThrow(() ->
                    new IllegalArgumentException("config source " + source + ": pack " + packName
                            + " names file " + path + ", which cannot be read"));
            body = readObject(text, "pack file " + path);
        }
        if (!body.isObject() || !runsHere(body.path("platform").asText(""))) {
            return;
        }
        String prefix = "pack" + packDelimiter + packName + packDelimiter;
        long packInterval = body.path("interval").asLong(0);
        body.path("queries").fields().forEachRemaining(e ->
                query(prefix + e.getKey(), e.getValue()).ifPresent(q -> {
                    if (!e.getValue().has("interval") && packInterval > 0) {
                        q = new ScheduledQuery(q.name(), q.sql(), packInterval, q.snapshot(), q.removed());
                    }
                    schedule.put(q.name(), q);
                }));
    }

    private Optional<ScheduledQuery> query(String name, JsonNode node) {
        if (!node.isObject() || !runsHere(node.path("platform").asText(""))) {
            return Optional.empty();
        }
        String sql = node.path("query").asText("");
        if (sql.isBlank()) {
            return Optional.empty();
        }
        long interval = node.path("interval").isTextual() ? parseLong(node.path("interval").asText(), DEFAULT_INTERVAL)
                : node.path("interval").asLong(DEFAULT_INTERVAL);
        if (interval <= 0) {
            interval = DEFAULT_INTERVAL;
        }
        return Optional.of(new ScheduledQuery(name, sql, interval, bool(node.path("snapshot"), false),
                bool(node.path("removed"), true)));
    }

    private static boolean bool(JsonNode node, boolean fallback) {
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual()) {
            return node.asText().equalsIgnoreCase("true");
        }
        return node.isNumber() ? node.asInt() != 0 : fallback;
    }

    /** Whether a platform string ("linux", "darwin,linux", "windows" ...) includes this machine. */
    static boolean runsHere(String platform) {
        for (String one : platform.toLowerCase(Locale.ROOT).split(",")) {
            if (OUR_PLATFORMS.contains(one.strip())) {
                return true;
            }
        }
        return false;
    }

    private JsonNode readObject(String text, String what) {
        JsonNode root;
        try {
            root = json.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            return json.createObjectNode();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return root;
    }

    private static long parseLong(String text, long fallback) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }
}
