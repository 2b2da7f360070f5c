package dev.kolide.updater.tuf;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one refresh cycle found.
 *
 * @param targets every trusted target after the cycle, by name (sorted), resolved through delegations
 * @param changed names of targets that are new or whose length or hashes differ from before the cycle
 * @param timestampChanged false when the server's timestamp had the trusted version (nothing new)
 */
public record UpdateResult(Map<String, Target> targets, Set<String> changed, boolean timestampChanged) {
    public UpdateResult {
        targets = Collections.unmodifiableMap(new TreeMap<>(targets));
        changed = Collections.unmodifiableSet(new TreeSet<>(changed));
    }
}
