package dev.kolide.updater.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.updater.tuf.Target;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What {@code updater check} prints: the trusted targets after a refresh, and which of them changed. */
record CheckReport(String gun, int rootVersion, long timestampVersion, boolean timestampChanged,
        Map<String, Target> targets, Set<String> changed) {

    CheckReport {
        requireNonNull(gun, "gun is null");
        targets = new TreeMap<>(targets);
        changed = Set.copyOf(changed);
    }

    /** One header line, one line per target (name, length, sha256, "changed"), then a count. */
    String text() {
        StringBuilder out = new StringBuilder();
        out.append(gun).append(": root version ").append(rootVersion).append(", timestamp version ")
                .append(timestampVersion).append(timestampChanged ? " (new)" : " (unchanged)").append('\n');
        int width = targets.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Target target : targets.values()) {
            out.append(String.format("  %-" + width + "s  %10d  sha256:%s%s%n", target.name(), target.length(),
                    sha256(target), changed.contains(target.name()) ? "  changed" : ""));
        }
        long changedTargets = targets.keySet().stream().filter(changed::contains).count();
        out.append(targets.size()).append(targets.size() == 1 ? " target, " : " targets, ").append(changedTargets)
                .append(" changed\n");
        return out.toString();
    }

    /** The same as one JSON object, hashes in hex. */
    ObjectNode json(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("gun", gun);
        root.put("root_version", rootVersion);
        root.put("timestamp_version", timestampVersion);
        root.put("timestamp_changed", timestampChanged);
        ArrayNode list = root.putArray("targets");
        for (Target target : targets.values()) {
            ObjectNode node = list.addObject();
            node.put("name", target.name());
            node.put("length", target.length());
            ObjectNode hashes = node.putObject("hashes");
            new TreeMap<>(target.hashes()).forEach((algorithm, hash) -> hashes.put(algorithm, Hex.of(hash)));
            node.put("role", target.role());
            node.put("changed", changed.contains(target.name()));
        }
        return root;
    }

    private static String sha256(Target target) {
        byte[] hash = target.hashes().get("sha256");
        return hash == null ? "-" : Hex.of(hash);
    }
}
