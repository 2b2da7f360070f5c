package dev.kolide.fleet.livequery;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A subscriber's view of a campaign: each host's first answer only. An answer nobody watched yet is both kept for
 * the first watcher and asked for again ({@link NoWatcherRule}), so a watcher may be offered the same host twice.
 */
public final class OncePerHost implements Consumer<LiveResult> {
    private final Consumer<LiveResult> listener;
    private final Set<Long> delivered = ConcurrentHashMap.newKeySet();

    public OncePerHost(Consumer<LiveResult> listener) {
        this.listener = requireNonNull(listener, "listener is null");
    }

    @Override
    public void accept(LiveResult result) {
        if (delivered.add(result.hostId())) {
            listener.accept(result);
        }
    }
}
