package dev.kolide.fleet.service.livequery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.CampaignStore;
import dev.kolide.fleet.domain.CampaignStatus;
import dev.kolide.fleet.livequery.CampaignBus;
import dev.kolide.fleet.livequery.LiveCampaign;
import dev.kolide.kit.run.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes campaigns: once every host online at the start answered (see {@link LiveCampaign#answeredBy}), once
 * nobody watches ({@link CampaignBus#abandoned}), or once they ran for the timeout. Each
 * server runs one over the campaigns it knows; finishing twice is harmless, so no coordination is needed.
 */
public final class CampaignReaper {
    /** How often campaigns are looked at: the delay between the last answer and "finished" on the socket. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** A campaign nobody finished is ended after this long (fleetctl query's default wait is shorter). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final Logger log = LoggerFactory.getLogger(CampaignReaper.class);
    private final CampaignBus bus;
    private final CampaignStore campaigns;
    private final Clock clock;
    private final Duration timeout;
    /** Only the reaper's own thread reads and writes it. */
    private Instant lastSweep;

    public CampaignReaper(CampaignBus bus, CampaignStore campaigns, Clock clock, Duration timeout) {
        this.bus = requireNonNull(bus, "bus is null");
        this.campaigns = requireNonNull(campaigns, "campaigns is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** Finishes what is due now; returns how many campaigns were finished. */
    public int reap() {
        Instant expiredBefore = clock.instant().minus(timeout);
        int finished = 0;
        for (LiveCampaign campaign : bus.active()) {
            if (campaign.answeredBy(bus.answered(campaign.id()).size()) || bus.abandoned(campaign.id())
                    || campaign.createdAt().isBefore(expiredBefore)) {
                try {
                    campaigns.updateStatus(campaign.id(), CampaignStatus.COMPLETE);
                } catch (RuntimeException e) {
                    log.warn("marking campaign {} complete failed; removing it from the bus anyway", campaign.id(), e);
                }
                bus.finish(campaign.id());
                finished++;
            }
        }
        sweepStaleRows(expiredBefore);
        return finished;
    }

    /**
     * Completes rows the bus no longer knows (a --dev restart, a campaign whose start failed half-way): anything
     * still waiting or running after the timeout. One UPDATE, at most once a minute.
     */
    private void sweepStaleRows(Instant expiredBefore) {
        Instant now = clock.instant();
        if (lastSweep != null && lastSweep.plus(SWEEP_INTERVAL).isAfter(now)) {
            return;
        }
        lastSweep = now;
        int swept = campaigns.completeStale(expiredBefore, expiredBefore);
        if (swept > 0) {
            log.info("completed {} stale live-query campaigns", swept);
        }
    }

    /** An actor that reaps every {@code interval} until interrupted. */
    public Actor actor(Duration interval) {
        requireNonNull(interval, "interval is null");
        CountDownLatch stop = new CountDownLatch(1);
        return Actor.of(() -> {
            while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    reap();
                } catch (RuntimeException e) {
                    log.warn("finishing live-query campaigns failed; trying again in {}", interval, e);
                }
            }
        }, cause -> stop.countDown());
    }
}
