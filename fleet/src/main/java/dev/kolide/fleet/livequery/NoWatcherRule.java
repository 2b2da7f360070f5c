package dev.kolide.fleet.livequery;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;

/**
 * Kolide Fleet's rule for an answer nobody received (reference §2.4.5): while the campaign is younger than
 * {@link #GRACE} the watcher may still be connecting, so the host is asked again; later, nobody is coming, and the
 * campaign is abandoned (the reaper finishes it). Off when answers also go to the result log: the log consumes them.
 */
public final class NoWatcherRule {
    /** Kolide's 5 s: a UI opens its socket right after queries/run. */
    public static final Duration GRACE = Duration.ofSeconds(5);

    /** What to do with an answer nobody received. */
    public enum Outcome { KEEP, ASK_AGAIN, ABANDON }

    private final boolean enabled;
    private final Clock clock;

    private NoWatcherRule(boolean enabled, Clock clock) {
        this.enabled = enabled;
        this.clock = requireNonNull(clock, "clock is null");
    }

    public static NoWatcherRule enabled(Clock clock) {
        return new NoWatcherRule(true, clock);
    }

    public static NoWatcherRule disabled(Clock clock) {
        return new NoWatcherRule(false, clock);
    }

    /** For an answer to {@code campaign} that reached {@code receivers} watchers. */
    public Outcome apply(LiveCampaign campaign, long receivers) {
        requireNonNull(campaign, "campaign is null");
        if (!enabled || receivers > 0) {
            return Outcome.KEEP;
        }
        return campaign.createdAt().plus(GRACE).isAfter(clock.instant()) ? Outcome.ASK_AGAIN : Outcome.ABANDON;
    }
}
