package dev.kolide.perf.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The packaged launcher ({@code build/launcher}, with the JVM options its launch script carries) supervising the
 * packaged osqueryd-lite, enrolled to a fleet and then left alone: how long it takes from start to its first
 * check-in (enrollment), and what it costs the host once idle (RSS and CPU of both processes). At the end, one live
 * query measures how fast fleet reaches it.
 */
final class LauncherFootprint {
    private static final Pattern ENROLLED = Pattern.compile("msg=\"?enrolled\"?(\\s|$)", Pattern.MULTILINE);
    private static final Pattern OSQUERYD_STARTED = Pattern.compile("msg=\"started osqueryd\"");

    private final PrintStream progress;

    LauncherFootprint(PrintStream progress) {
        this.progress = progress;
    }

    /**
     * @param startToEnrolled seconds from starting the program to its "enrolled" log line (its first call to fleet
     *     after osqueryd is up and the extension registered)
     * @param startToOsqueryd seconds to "started osqueryd"
     * @param cpuLastMinute CPU seconds used in the last minute of the idle period, both processes apart
     */
    record Figures(double startToEnrolled, double startToOsqueryd, Duration idle, long launcherRss,
            long osquerydRss, double launcherCpu, double osquerydCpu, double launcherCpuLastMinute,
            double osquerydCpuLastMinute, LiveQueryProbe.LiveQueryLatency liveQuery) {}

    Figures measure(Path build, BenchFleet fleet, Path dir, Duration idle) throws Exception {
        Path root = dir.resolve("launcher-root");
        Files.createDirectories(root);
        List<String> command = List.of(build.resolve("launcher").toString(),
                "--hostname", fleet.url().getAuthority(), "--root_pem", fleet.ca().toString(),
                "--enroll_secret", BenchFleet.ENROLL_SECRET,
                "--osqueryd_path", build.resolve("osqueryd-lite").toAbsolutePath().toString(),
                "--root_directory", root.toString());
        long started = System.nanoTime();
        try (ChildProcess launcher = ChildProcess.start(command, dir.resolve("launcher.log"), Map.of())) {
            launcher.await(OSQUERYD_STARTED, Duration.ofMinutes(2));
            double toOsqueryd = (System.nanoTime() - started) / 1e9;
            launcher.await(ENROLLED, Duration.ofMinutes(2));
            double toEnrolled = (System.nanoTime() - started) / 1e9;
            progress.printf("  launcher: osqueryd started after %.2f s, enrolled after %.2f s; idling %s%n",
                    toOsqueryd, toEnrolled, idle);
            long lastMinute = Math.max(0, idle.toNanos() - Duration.ofMinutes(1).toNanos());
            sleepUntil(started + lastMinute);
            long osqueryd = osquerydPid(launcher.pid());
            double launcherBefore = Proc.cpuSeconds(launcher.pid());
            double osquerydBefore = Proc.cpuSeconds(osqueryd);
            sleepUntil(started + idle.toNanos());
            double launcherCpu = Proc.cpuSeconds(launcher.pid());
            double osquerydCpu = Proc.cpuSeconds(osqueryd);
            long launcherRss = rss(launcher.pid());
            long osquerydRss = rss(osqueryd);
            LiveQueryProbe.LiveQueryLatency live = LiveQueryProbe.run(fleet.admin(), 1, Duration.ofSeconds(30));
            return new Figures(toEnrolled, toOsqueryd, idle, launcherRss, osquerydRss, launcherCpu, osquerydCpu,
                    launcherCpu - launcherBefore, osquerydCpu - osquerydBefore, live);
        }
    }

    private static long osquerydPid(long launcherPid) {
        return Proc.children(launcherPid).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the launcher " + launcherPid + " runs no osqueryd"));
    }

    private static long rss(long pid) {
        OptionalLong rss = Proc.rssBytes(pid);
        return rss.orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}
