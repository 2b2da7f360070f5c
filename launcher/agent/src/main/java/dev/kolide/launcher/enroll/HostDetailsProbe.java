package dev.kolide.launcher.enroll;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.version.BuildInfo;
import dev.kolide.launcher.service.EnrollmentDetails;
import dev.kolide.launcher.service.GoPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks osqueryd what an enrollment should tell the server (reference launcher.md §1.5): osquery's version, the OS
 * and the hardware. osqueryd may still be starting when the first config request arrives, so the probe retries a
 * few times before it gives up.
 */
public final class HostDetailsProbe {
    private static final Logger LOG = LoggerFactory.getLogger(HostDetailsProbe.class);

    static final String OSQUERY_INFO = "select version from osquery_info";
    static final String OS_VERSION = "select build, name, platform, platform_like, version from os_version";
    static final String SYSTEM_INFO =
            "select hardware_model, hardware_serial, hardware_vendor, hostname, uuid from system_info";

    private final Querier querier;
    private final BuildInfo launcherBuild;
    private final int attempts;
    private final Duration pause;
    private final Sleeper sleeper;

    /** How the probe waits between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public HostDetailsProbe(Querier querier, BuildInfo launcherBuild) {
        this(querier, launcherBuild, 10, Duration.ofSeconds(1), duration -> Thread.sleep(duration.toMillis()));
    }

    public HostDetailsProbe(Querier querier, BuildInfo launcherBuild, int attempts, Duration pause, Sleeper sleeper) {
        this.querier = requireNonNull(querier, "querier is null");
        this.launcherBuild = requireNonNull(launcherBuild, "launcherBuild is null");
        this.attempts = attempts;
        this.pause = requireNonNull(pause, "pause is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /**
     * The enrollment details of this host.
     *
     * @throws EnrollmentException when osqueryd did not answer after every attempt
     */
    public EnrollmentDetails probe() {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return details();
            } catch (RuntimeException e) {
                last = e;
                LOG.atDebug().addKeyValue("attempt", attempt).addKeyValue("err", e.toString())
                        .log("querying osqueryd for enrollment details");
                if (attempt < attempts) {
                    try {
                        sleeper.sleep(pause);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new EnrollmentException("interrupted while querying osqueryd for enrollment details",
                                interrupted);
                    }
                }
            }
        }
        throw new EnrollmentException("querying osqueryd for enrollment details failed " + attempts
                + " times: " + last.getMessage(), last);
    }

    private EnrollmentDetails details() {
        Map<String, String> osquery = firstRow(OSQUERY_INFO);
        Map<String, String> os = firstRow(OS_VERSION);
        Map<String, String> system = firstRow(SYSTEM_INFO);
        GoPlatform platform = GoPlatform.current();
        return new EnrollmentDetails(
                os.get("version"),
                os.get("build"),
                os.get("platform"),
                system.get("hostname"),
                system.get("hardware_vendor"),
                system.get("hardware_model"),
                system.get("hardware_serial"),
                osquery.get("version"),
                launcherBuild.version(),
                os.get("name"),
                os.get("platform_like"),
                system.get("uuid"),
                platform.os(),
                platform.arch());
    }

    private Map<String, String> firstRow(String sql) {
        List<Map<String, String>> rows = querier.query(sql);
        if (rows == null || rows.isEmpty()) {
            throw new EnrollmentException("osqueryd returned no rows for: " + sql);
        }
        return rows.get(0);
    }
}
