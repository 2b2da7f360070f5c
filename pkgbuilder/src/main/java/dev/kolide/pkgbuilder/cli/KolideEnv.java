package dev.kolide.pkgbuilder.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kolide's package-builder reads bare environment variables ({@code HOSTNAME}, {@code ENROLL_SECRET}, ...; reference
 * §A.1). This repository's programs read {@code KOLIDE_PACKAGE_BUILDER_<FLAG>}. Both work: a bare variable is copied
 * to the prefixed name unless that is set, so the prefixed one wins.
 */
public final class KolideEnv {
    public static final String PREFIX = "KOLIDE_PACKAGE_BUILDER_";

    /** The flags Kolide gives an environment fallback, by their variable name. */
    static final List<String> KOLIDE_NAMES = List.of("HOSTNAME", "ENROLL_SECRET", "OMIT_SECRET", "IDENTIFIER",
            "UPDATE_CHANNEL", "INSECURE", "INSECURE_TRANSPORT", "TRANSPORT", "CERT_PINS", "ROOT_PEM",
            "OSQUERY_VERSION", "LAUNCHER_VERSION", "PACKAGE_VERSION", "TARGETS", "OUTPUT_DIR", "CACHE_DIR",
            "NOTARY_URL", "MIRROR_URL");

    private KolideEnv() {}

    public static Map<String, String> withKolideNames(Map<String, String> env) {
        Map<String, String> out = new HashMap<>(env);
        for (String name : KOLIDE_NAMES) {
            String value = env.get(name);
            if (value != null) {
                out.putIfAbsent(PREFIX + name, value);
            }
        }
        return out;
    }
}
