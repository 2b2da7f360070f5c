package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.client.EnrollSecretSpec;
import dev.kolide.fleet.client.FleetClient;
import dev.kolide.fleet.client.LabelSpec;
import dev.kolide.fleet.client.OptionsSpec;
import dev.kolide.fleet.client.PackSpec;
import dev.kolide.fleet.client.QuerySpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Applies spec documents grouped by kind, one call per kind, in an order where what is referred to exists first:
 * options, enroll secrets, labels, queries, then packs (which name labels and queries), then the app config.
 */
final class SpecApplier {
    private final FleetClient client;
    private final SpecFiles files;
    private final PrintWriter out;

    SpecApplier(FleetClient client, SpecFiles files, PrintWriter out) {
        this.client = requireNonNull(client, "client is null");
        this.files = requireNonNull(files, "files is null");
        this.out = requireNonNull(out, "out is null");
    }

    void apply(List<SpecDocument> documents, String source) {
        Map<SpecKind, List<SpecDocument>> byKind = new EnumMap<>(SpecKind.class);
        for (SpecDocument document : documents) {
            byKind.computeIfAbsent(document.kind(), k -> new ArrayList<>()).add(document);
        }
        // Decode everything before the first call, so a malformed document changes nothing.
        Map<SpecKind, List<Object>> specs = new EnumMap<>(SpecKind.class);
        byKind.forEach((kind, list) -> specs.put(kind, list.stream()
                .<Object>map(d -> files.specAs(d, typeOf(kind), source + " (" + kind.wire() + ")")).toList()));
        for (Map.Entry<SpecKind, List<Object>> entry : specs.entrySet()) {
            applyKind(entry.getKey(), entry.getValue());
        }
    }

    private void applyKind(SpecKind kind, List<Object> specs) {
        switch (kind) {
            case OPTIONS -> specs.forEach(s -> client.applyOptionsSpec((OptionsSpec) s));
            case ENROLL_SECRET -> {
                List<EnrollSecretSpec.Secret> secrets = new ArrayList<>();
                specs.forEach(s -> secrets.addAll(((EnrollSecretSpec) s).secrets()));
                client.applyEnrollSecretSpec(new EnrollSecretSpec(secrets));
            }
            case LABEL -> client.applyLabelSpecs(specs.stream().map(LabelSpec.class::cast).toList());
            case QUERY -> client.applyQuerySpecs(specs.stream().map(QuerySpec.class::cast).toList());
            case PACK -> client.applyPackSpecs(specs.stream().map(PackSpec.class::cast).toList());
            case CONFIG -> specs.forEach(s -> client.modifyAppConfig(
                    (com.fasterxml.jackson.databind.JsonNode) s));
            case HOST -> throw new CliException("hosts cannot be applied");
        }
        out.println("[+] applied " + specs.size() + " " + plural(kind, specs.size()));
    }

    static Class<?> typeOf(SpecKind kind) {
        return switch (kind) {
            case OPTIONS -> OptionsSpec.class;
            case ENROLL_SECRET -> EnrollSecretSpec.class;
            case LABEL -> LabelSpec.class;
            case QUERY -> QuerySpec.class;
            case PACK -> PackSpec.class;
            case CONFIG -> com.fasterxml.jackson.databind.JsonNode.class;
            case HOST -> throw new CliException("hosts cannot be applied");
        };
    }

    private static String plural(SpecKind kind, int count) {
        String name = switch (kind) {
            case QUERY -> count == 1 ? "query" : "queries";
            case ENROLL_SECRET -> "enroll secret spec" + (count == 1 ? "" : "s");
            case OPTIONS -> "options spec" + (count == 1 ? "" : "s");
            case CONFIG -> "config spec" + (count == 1 ? "" : "s");
            default -> kind.wire() + (count == 1 ? "" : "s");
        };
        return name;
    }
}
