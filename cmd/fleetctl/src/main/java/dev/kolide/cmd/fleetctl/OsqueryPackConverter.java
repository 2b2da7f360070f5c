package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kolide.fleet.client.PackSpec;
import dev.kolide.fleet.client.QuerySpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An osquery pack file ({@code {"platform", "version", "discovery", "queries": {name: {query, interval,
 * description, platform, version, snapshot, removed, shard}}}}) as fleet specs: one query spec per query, named as
 * in the pack, and one pack spec scheduling them all. osquery's own packs use comments and backslash line
 * continuations inside strings; both are accepted.
 */
final class OsqueryPackConverter {
    /** What a conversion made, and what it had to leave out. */
    record Conversion(List<SpecDocument> documents, List<String> warnings) {}

    private final ObjectMapper osqueryJson;
    private final SpecFiles files;

    OsqueryPackConverter(SpecFiles files) {
        this.files = requireNonNull(files, "files is null");
        this.osqueryJson = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .enable(JsonParser.Feature.ALLOW_COMMENTS)
                .build();
    }

    Conversion convert(String text, String packName, String source) {
        requireNonNull(text, "text is null");
        requireNonNull(packName, "packName is null");
        JsonNode pack;
        try {
            // osquery joins "...\<newline>..." inside strings; JSON does not allow it.
            pack = osqueryJson.readTree(text.replaceAll("\\\\\\R\\s*", ""));
        } catch (IOException e) {
            throw new CliException("reading osquery pack " + source + ": not valid JSON", e);
        }
        JsonNode queries = pack.path("queries");
        if (!queries.isObject() || queries.isEmpty()) {
            throw new CliException("osquery pack " + source + " has no \"queries\" object");
        }
        List<String> warnings = new ArrayList<>();
        if (pack.path("discovery").size() > 0) {
            warnings.add("the pack's discovery queries were left out: fleet targets packs by label instead");
        }
        String packPlatform = text(pack, "platform");
        String packVersion = text(pack, "version");
        List<SpecDocument> querySpecs = new ArrayList<>();
        List<PackSpec.PackQuery> scheduled = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = queries.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode q = entry.getValue();
            String sql = text(q, "query");
            if (sql == null) {
                throw new CliException("osquery pack " + source + ": query \"" + name + "\" has no \"query\"");
            }
            String description = text(q, "description");
            querySpecs.add(files.document(SpecKind.QUERY, new QuerySpec(name, description, sql)));
            scheduled.add(new PackSpec.PackQuery(name, name, description, integer(q, "interval", source, name),
                    bool(q, "snapshot"), bool(q, "removed"), integer(q, "shard", source, name),
                    text(q, "platform"), text(q, "version") != null ? text(q, "version") : packVersion));
        }
        List<SpecDocument> documents = new ArrayList<>();
        documents.add(files.document(SpecKind.PACK, new PackSpec(null, packName, null, packPlatform, null,
                null, scheduled)));
        documents.addAll(querySpecs);
        return new Conversion(documents, warnings);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isEmpty() ? value.asText() : null;
    }

    /** osquery packs write numbers as numbers or as strings ("interval": "3600"). */
    private static Integer integer(JsonNode node, String field, String source, String query) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.canConvertToInt() || value.isTextual() && value.asText().strip().matches("\\d+")) {
            return value.isTextual() ? Integer.valueOf(value.asText().strip()) : value.asInt();
        }
        throw new CliException("osquery pack " + source + ": query \"" + query + "\" has a " + field
                + " that is not a whole number: " + value);
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return value.isBoolean() ? value.asBoolean() : Boolean.valueOf(value.asText().strip());
    }
}
