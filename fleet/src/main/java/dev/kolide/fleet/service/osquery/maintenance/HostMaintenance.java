package dev.kolide.fleet.service.osquery.maintenance;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.AppConfigStore;
import dev.kolide.fleet.datastore.HostStore;
import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.kit.run.Actor;
import dev.kolide.kit.run.PeriodicActor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kolide Fleet's hourly host clean-up (reference §2.1), run by every fleet node (the deletes are idempotent):
 * <ul>
 *   <li><b>host expiry</b>, when the app config enables it: hosts not seen for {@code host_expiry_window} days
 *       are deleted. A window under one day is refused (logged, nothing deleted): with 0, every host would go;</li>
 *   <li><b>incoming hosts</b>: hosts that enrolled more than {@value #INCOMING_GRACE_MINUTES} minutes ago and
 *       never answered the detail queries (no hostname, no osquery version) are deleted, as duplicates from
 *       broken images or enrollments that never came back.</li>
 * </ul>
 * Deleted hosts are not evicted from other nodes' authentication caches; they get node_invalid when their entry
 * expires (a minute) and enroll again if they are still alive.
 */
public final class HostMaintenance {
    public static final long INCOMING_GRACE_MINUTES = 5;
    public static final Duration INCOMING_GRACE = Duration.ofMinutes(INCOMING_GRACE_MINUTES);
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

    private final Logger log = LoggerFactory.getLogger(HostMaintenance.class);
    private final HostStore hosts;
    private final AppConfigStore appConfig;
    private final Clock clock;

    /** What one run deleted. */
    public record Result(int expired, int incoming) {}

    public HostMaintenance(HostStore hosts, AppConfigStore appConfig, Clock clock) {
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.appConfig = requireNonNull(appConfig, "appConfig is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** One clean-up, now. */
    public Result runOnce() {
        Instant now = clock.instant();
        AppConfig config = appConfig.get();
        int expired = 0;
        if (config.hostExpiryEnabled()) {
            if (config.hostExpiryWindowDays() < 1) {
                log.atWarn().addKeyValue("window_days", config.hostExpiryWindowDays())
                        .log("host expiry is enabled with a window under one day; expiring nothing");
            } else {
                expired = hosts.deleteUnseenSince(now.minus(Duration.ofDays(config.hostExpiryWindowDays())));
            }
        }
        int incoming = hosts.deleteIncoming(now.minus(INCOMING_GRACE));
        if (expired > 0 || incoming > 0) {
            log.atInfo().addKeyValue("expired", expired).addKeyValue("incoming", incoming).log("deleted hosts");
        }
        return new Result(expired, incoming);
    }

    /** An actor for the run group: {@link #runOnce()} every {@code interval}; a failed run is logged. */
    public Actor actor(Duration interval) {
        return new PeriodicActor(interval, () -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.atWarn().setCause(e).log("host clean-up failed; trying again at the next interval");
            }
        });
    }
}
