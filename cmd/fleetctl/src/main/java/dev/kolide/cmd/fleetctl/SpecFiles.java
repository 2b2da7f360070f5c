package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kolide.fleet.client.FleetJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes spec files: multi-document YAML (or the same as JSON, one document per line), each document
 * {@code apiVersion: v1}, {@code kind}, {@code spec}. Specs are converted to the client's records with fleet's
 * JSON naming, so the YAML keys are the API's snake_case names.
 */
final class SpecFiles {
    private final ObjectMapper yaml;
    private final ObjectMapper json;

    SpecFiles() {
        this.yaml = new ObjectMapper(new YAMLFactory()
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));
        this.json = FleetJson.mapper();
    }

    /** Every document of {@code file}; fails naming the file and the document when one is not a spec. */
    List<SpecDocument> read(Path file) {
        requireNonNull(file, "file is null");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("reading spec file " + file, e);
        }
        return parse(text, file.toString());
    }

    List<SpecDocument> parse(String text, String source) {
        List<SpecDocument> documents = new ArrayList<>();
        int index = 0;
        try (MappingIterator<JsonNode> nodes = yaml.readerFor(JsonNode.class).readValues(text)) {
            while (nodes.hasNextValue()) {
                JsonNode node = nodes.nextValue();
                index++;
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue; // an empty document, e.g. after a trailing "---"
                }
                documents.add(document(node, source + " document " + index));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CliException cli) {
                throw cli;
            }
            throw new CliException("reading spec file " + source + " document " + (index + 1)
                    + ": not valid YAML", e);
        }
        if (documents.isEmpty()) {
            throw new CliException("spec file " + source + " has no documents");
        }
        return documents;
    }

    private static SpecDocument document(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new CliException(where + ": expected a mapping with apiVersion, kind and spec");
        }
        String version = node.path("apiVersion").asText("");
        if (!SpecDocument.API_VERSION.equals(version)) {
            throw new CliException(where + ": apiVersion must be v1, not \"" + version + "\"");
        }
        SpecKind kind = SpecKind.parse(node.path("kind").asText(""));
        if (kind == null || !kind.appliable()) {
            throw new CliException(where + ": unknown kind \"" + node.path("kind").asText("")
                    + "\"; expected one of " + SpecKind.appliableNames());
        }
        JsonNode spec = node.path("spec");
        if (!spec.isObject()) {
            throw new CliException(where + ": kind " + kind.wire() + " has no spec mapping");
        }
        return new SpecDocument(kind, spec);
    }

    /** The spec as the client's record {@code type}; {@code where} names it in errors. */
    <T> T specAs(SpecDocument document, Class<T> type, String where) {
        try {
            return json.treeToValue(document.spec(), type);
        } catch (JsonProcessingException e) {
            throw new CliException(where + ": the " + document.kind().wire() + " spec is malformed: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** A document of {@code kind} holding {@code spec} (a client record or a tree). */
    SpecDocument document(SpecKind kind, Object spec) {
        return new SpecDocument(kind, json.valueToTree(spec));
    }

    /** The documents as a multi-document YAML file that {@code apply -f} reads back. */
    String toYaml(List<SpecDocument> documents) {
        StringBuilder text = new StringBuilder();
        for (SpecDocument document : documents) {
            try {
                text.append(yaml.writeValueAsString(wrap(document)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("writing a " + document.kind().wire() + " spec as YAML", e);
            }
        }
        return text.toString();
    }

    /** The documents as JSON, one per line. */
    String toJsonLines(List<SpecDocument> documents) {
        StringBuilder text = new StringBuilder();
        for (SpecDocument document : documents) {
            text.append(wrap(document).toString()).append('\n');
        }
        return text.toString();
    }

    private ObjectNode wrap(SpecDocument document) {
        ObjectNode node = json.createObjectNode();
        node.put("apiVersion", SpecDocument.API_VERSION);
        node.put("kind", document.kind().wire());
        node.set("spec", document.spec());
        return node;
    }
}
