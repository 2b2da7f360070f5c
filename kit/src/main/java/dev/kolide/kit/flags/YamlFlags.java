package dev.kolide.kit.flags;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads Kolide Fleet's YAML configuration ({@code mysql: {address: ...}}) as flags ({@code mysql_address}). */
final class YamlFlags {
    private YamlFlags() {}

    static FlagFile parse(Path source, String text) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JsonProcessingException e) {
            throw new FlagException("config file " + source + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return FlagFile.of(source, values);
        }
        if (!root.isObject()) {
            throw new FlagException("config file " + source + " must hold a mapping of settings at its top level");
        }
        flatten(source, "", root, values);
        return FlagFile.of(source, values);
    }

    private static void flatten(Path source, String prefix, JsonNode node, Map<String, List<String>> values) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = prefix.isEmpty() ? field.getKey() : prefix + "_" + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(source, name, value, values);
            } else if (value.isArray()) {
                List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
                for (JsonNode element : value) {
                    if (!element.isValueNode()) {
                        throw new FlagException("config file " + source + ": " + name + " must be a list of values");
                    }
                    list.add(element.asText());
                }
            } else if (value.isNull()) {
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(null);
            } else {
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value.asText());
            }
        }
    }
}
