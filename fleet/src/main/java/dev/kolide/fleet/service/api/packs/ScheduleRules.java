package dev.kolide.fleet.service.api.packs;

import dev.kolide.fleet.service.api.Problems;

/** The limits on a scheduled query's options, shared by {@code /schedule} and pack specs. */
final class ScheduleRules {

    /** A week; osquery accepts more, but an interval longer than this is almost always a typo. */
    static final int MAX_INTERVAL = 604_800;

    private ScheduleRules() {}

    static void check(Problems problems, String prefix, Integer interval, Integer shard, boolean intervalRequired) {
        if (interval == null) {
            problems.addIf(intervalRequired, prefix + "interval", "cannot be empty");
        } else if (interval < 1 || interval > MAX_INTERVAL) {
            problems.add(prefix + "interval", "must be between 1 and " + MAX_INTERVAL + " seconds");
        }
        if (shard != null && (shard < 0 || shard > 100)) {
            problems.add(prefix + "shard", "must be between 0 and 100");
        }
    }
}
