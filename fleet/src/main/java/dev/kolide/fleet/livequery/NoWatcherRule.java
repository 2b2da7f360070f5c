package dev.kolide.fleet.livequery;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;

/**
 * The rule for an answer nobody received (Kolide Fleet's, reference §2.4.5, improved): while the campaign is younger
 * than {@link #GRACE} the watcher may still be connecting, so the answer is held for the first watcher (Kolide asked
 * the host again instead, which cost a pushed host a second run and the person another round trip); later, nobody
 * is coming, and the campaign is abandoned (the reaper finishes it). Off when answers also go to the result log:
 * the log consumes them.
 */
public final class NoWatcherRule {
    /** Kolide's 5 s: a UI opens its socket right after queries/run. */
    public static final Duration GRACE = Duration.ofSeconds(5);

    /** What to do with an answer nobody received. */
    public enum Outcome {
        /** Someone received it, or nobody needs to. */
        KEEP,
        /** Held for the first watcher, who is likely still opening the results socket. */
        HOLD,
        /** Nobody came within the grace: the campaign is abandoned. */
        ABANDON
    }

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
        return campaign.createdAt().plus(GRACE).isAfter(clock.instant()) ? Outcome.HOLD : Outcome.ABANDON;
    }
}
