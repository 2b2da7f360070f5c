package dev.kolide.launcher.extension;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live queries the launcher just answered from the server's push, so that a distributed read in the next
 * seconds (the server may still list one until the answer is in) does not run them again. Entries last a few
 * seconds: a query the server asks again later is answered again. Bounded: the oldest names go.
 */
public final class AnsweredLiveQueries {
    private static final int CAPACITY = 1024;
    static final Duration REMEMBERED_FOR = Duration.ofSeconds(10);

    private final Map<String, Long> answeredAt = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CAPACITY;
        }
    };

    public synchronized void add(String name) {
        answeredAt.put(name, System.nanoTime());
    }

    /** Whether {@code name} was answered in the last few seconds. */
    public synchronized boolean contains(String name) {
        Long at = answeredAt.get(name);
        return at != null && System.nanoTime() - at < REMEMBERED_FOR.toNanos();
    }
}
