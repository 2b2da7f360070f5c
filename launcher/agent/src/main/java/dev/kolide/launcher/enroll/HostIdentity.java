package dev.kolide.launcher.enroll;

import static java.util.Objects.requireNonNull;

import dev.kolide.launcher.store.LauncherStore;
import java.util.UUID;

/**
 * The host identifier the launcher enrolls under: a random UUID made once and kept in launcher.db, so a restarted
 * launcher is the same host to the server (reference launcher.md §1.4, {@code config/uuid}).
 */
public final class HostIdentity {
    static final String KEY = "uuid";

    private HostIdentity() {}

    /** The stored identifier, made and stored first when there is none. */
    public static String of(LauncherStore store) {
        requireNonNull(store, "store is null");
        return store.get(KEY).filter(id -> !id.isBlank()).orElseGet(() -> {
            String id = UUID.randomUUID().toString();
            store.put(KEY, id);
            return id;
        });
    }
}
