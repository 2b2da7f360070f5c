package dev.kolide.osquery.sdk.plugin;

import java.util.List;

/** The registries an extension may register plugins in (osquery-go refuses others). */
public final class Registries {
    public static final String TABLE = "table";
    public static final String CONFIG = "config";
    public static final String LOGGER = "logger";
    public static final String DISTRIBUTED = "distributed";

    /** In the order an extension broadcasts them; every one is sent, even when empty. */
    public static final List<String> NAMES = List.of(TABLE, LOGGER, CONFIG, DISTRIBUTED);

    private Registries() {}

    public static boolean isKnown(String registry) {
        return NAMES.contains(registry);
    }
}
