package dev.kolide.cmd.launcher;

import dev.kolide.kit.testing.JarProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kolide.updater.testing.FileServer;
import dev.kolide.updater.testing.NotaryUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Autoupdate end to end: a real notary-server and a mirror serve a new osqueryd build (osqueryd-lite behind a
 * script that says which build it is); the running launcher verifies it through TUF, installs it and restarts
 * osqueryd on it. Then a build altered on the mirror is refused and the installed one keeps running.
 */
@Timeout(300)
class LauncherAutoupdateIT {
    private static final String HOST = "E2E00000-0000-4000-8000-00000000D001";
    private static final String TARGET = "linux/osqueryd-stable.tar.gz";

    @TempDir
    Path dir;

    @Test
    void aNewOsquerydBuildIsVerifiedInstalledAndRunAndATamperedOneIsRefused() throws Exception {
        boolean ci = System.getenv("CI") != null && !System.getenv("CI").isBlank();
        if (!NotaryUnderTest.installed()) {
            assertThat(ci).as("notary-server and notary are installed when CI is set").isFalse();
            Assumptions.abort("notary-server is not installed (apt-get install notary)");
        }
        Path notaryDir = Files.createDirectories(dir.resolve("notary"));
        NotaryUnderTest notary = NotaryUnderTest.start(notaryDir);
        Path mirrorRoot = Files.createDirectories(dir.resolve("mirror"));
        try (FileServer mirror = FileServer.mirror(mirrorRoot);
                FleetUnderTest fleet = FleetUnderTest.dev(dir)) {
            notary.cli("", "init", NotaryUnderTest.GUN, "-p");
            publish(notary, mirrorRoot, 2);
            Path roots = Files.createDirectories(dir.resolve("roots"));
            Files.write(roots.resolve("osqueryd.json"), notary.rootJson());

            fleet.start();
            Fleetctl fleetctl = new Fleetctl(dir);
            fleetctl.setUp(fleet, Stack.SECRET);
            try (LauncherUnderTest launcher = new LauncherUnderTest(dir.resolve("launcher"), "launcher",
                    fleet.hostPort(), fleet.ca(), Stack.SECRET, "grpc", HOST)) {
                launcher.with("--autoupdate", "--autoupdate_root", roots.toString(),
                        "--notary_url", notary.url(), "--mirror_url", mirror.url(),
                        "--autoupdate_interval", "2s", "--autoupdate_allow_short_interval",
                        "--autoupdater_initial_delay", "3s", "--update_channel", "stable");
                launcher.start();

                // Build 2 is downloaded, verified, installed next to the packaged osqueryd, and osqueryd runs it.
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(launcher.alive()).as("launcher running\n%s", launcher.logs()).isTrue();
                    assertThat(lastStartedBinary(launcher)).as(autoupdateLines(launcher)).contains("osqueryd-updates");
                    assertThat(launcher.logs().lines().filter(l -> l.contains("osqueryd is up")).count())
                            .isGreaterThanOrEqualTo(2);
                });
                Fleetctl.Run query = fleetctl.run("query", "--labels", "All Hosts", "--query",
                        "select uuid from system_info", "--exit", "--timeout", "60s", "--quiet");
                assertThat(query.code()).as(query.out()).isZero();
                assertThat(query.out()).contains(HOST);
                long pid = osquerydPid(launcher);

                // Build 3 is altered on the mirror: the download fails its hash check and build 2 keeps running.
                mirror.tamperWith(path -> path.endsWith(TARGET));
                publish(notary, mirrorRoot, 3);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(launcher.logs()).contains(TARGET + ": hash:"));
                Thread.sleep(3_000);
                assertThat(osquerydPid(launcher)).as("the same osqueryd still runs").isEqualTo(pid);
                try (var versions = Files.list(dir.resolve("launcher").resolve("osqueryd-updates"))) {
                    assertThat(versions.filter(Files::isDirectory).count()).as("only build 2 installed").isEqualTo(1);
                }
            }
        } finally {
            notary.stop();
        }
    }

    /** A build of osqueryd: osqueryd-lite behind a script naming the build, packed as the target's tar.gz. */
    private void publish(NotaryUnderTest notary, Path mirrorRoot, int build) throws Exception {
        Path content = Files.createDirectories(dir.resolve("build-" + build));
        Path osqueryd = content.resolve("osqueryd");
        Files.writeString(osqueryd, "#!/bin/sh\n# osqueryd build " + build + " (test artifact)\nexec \""
                + JarProcess.java() + "\" -jar \"" + LauncherUnderTest.OSQUERYD_LITE_JAR.toAbsolutePath()
                + "\" \"$@\"\n");
        Files.setPosixFilePermissions(osqueryd, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path archive = dir.resolve("osqueryd-" + build + ".tar.gz");
        Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "-C", content.toString(), "osqueryd")
                .inheritIO().start();
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        notary.cli("", "add", NotaryUnderTest.GUN, TARGET, archive.toString());
        notary.cli("", "publish", NotaryUnderTest.GUN);
        Path served = mirrorRoot.resolve(NotaryUnderTest.GUN).resolve(TARGET);
        Files.createDirectories(served.getParent());
        Files.copy(archive, served, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static long osquerydPid(LauncherUnderTest launcher) throws Exception {
        return Long.parseLong(Files.readString(launcher.root().resolve("osquery.pid")).strip());
    }

    /** The binary of the last "started osqueryd" line of the launcher's log. */
    private static String lastStartedBinary(LauncherUnderTest launcher) throws Exception {
        return launcher.logs().lines().filter(l -> l.contains("msg=\"started osqueryd\""))
                .reduce((first, second) -> second).orElse("");
    }

    private static String autoupdateLines(LauncherUnderTest launcher) throws Exception {
        return String.join("\n", launcher.logs().lines().filter(l -> l.contains("autoupdate") || l.contains("update")
                || l.contains("started osqueryd")).toList());
    }
}
