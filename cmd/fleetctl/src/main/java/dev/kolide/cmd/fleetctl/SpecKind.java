package dev.kolide.cmd.fleetctl;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code kind} of a spec document; {@link #HOST} is printed by {@code get hosts} but cannot be applied. */
enum SpecKind {
    OPTIONS("options"),
    ENROLL_SECRET("enroll_secret"),
    LABEL("label"),
    QUERY("query"),
    PACK("pack"),
    CONFIG("config"),
    HOST("host");

    private final String wire;

    SpecKind(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    boolean appliable() {
        return this != HOST;
    }

    /** The kind spelled {@code name} in a file; null when there is none. */
    static SpecKind parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (SpecKind kind : values()) {
            if (kind.wire.equals(wanted)) {
                return kind;
            }
        }
        return null;
    }

    static String appliableNames() {
        return Arrays.stream(values()).filter(SpecKind::appliable).map(SpecKind::wire)
                .collect(Collectors.joining(", "));
    }
}
