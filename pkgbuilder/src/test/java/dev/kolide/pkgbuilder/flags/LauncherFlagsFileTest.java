package dev.kolide.pkgbuilder.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.kit.flags.FlagFile;
import dev.kolide.pkgbuilder.Fixtures;
import dev.kolide.pkgbuilder.PackageOptions;
import dev.kolide.pkgbuilder.layout.InstallPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherFlagsFileTest {
    /** The flags this repository's launcher accepts (README "### launcher"); it refuses any other in a file. */
    private static final Set<String> LAUNCHER_FLAGS = Set.of("hostname", "transport", "enroll_secret",
            "enroll_secret_path", "root_directory", "osqueryd_path", "root_pem", "cert_pins", "insecure",
            "insecure_transport", "logging_interval", "log_max_bytes_per_batch", "osquery_flag", "debug",
            "osquery_verbose");

    @TempDir
    Path dir;

    @Test
    void writesKolidesLinesInKolidesOrder() throws Exception {
        PackageOptions options = new Fixtures(dir).options(false);
        String text = LauncherFlagsFile.render(options, InstallPaths.posix("/usr/local", "kolide-k2", options.hostname()));
        assertThat(text).isEqualTo("""
                hostname fleet.example.com:8080
                root_directory /var/kolide-k2/fleet.example.com-8080
                osqueryd_path /usr/local/kolide-k2/bin/osqueryd
                enroll_secret_path /etc/kolide-k2/secret
                transport grpc
                cert_pins 0a1b2c
                root_pem /etc/kolide-k2/roots.pem
                osquery_flag config_refresh=60
                osquery_flag verbose
                """);
        FlagFile parsed = FlagFile.parse(null, text);
        assertThat(LAUNCHER_FLAGS).containsAll(parsed.names());
        assertThat(parsed.values("osquery_flag")).containsExactly("config_refresh=60", "verbose");
    }

    @Test
    void bareFlagsAndOmittedSecretStillNameTheSecretPath() throws Exception {
        Fixtures fixtures = new Fixtures(dir);
        PackageOptions options = new PackageOptions("fleet:443", "", true, "launcher", true, true, "", "",
                Optional.empty(), List.of(), fixtures.osqueryd(), fixtures.launcherJar(), "1.0", "/opt", Fixtures.EPOCH);
        String text = LauncherFlagsFile.render(options, InstallPaths.posix("/opt", "launcher", "fleet:443"));
        assertThat(text.lines()).containsExactly("hostname fleet:443", "root_directory /var/launcher/fleet-443",
                "osqueryd_path /opt/launcher/bin/osqueryd", "enroll_secret_path /etc/launcher/secret", "insecure",
                "insecure_transport");
    }

    @Test
    void windowsPathsAreAbsoluteUnderProgramFilesAndProgramData() throws Exception {
        PackageOptions options = new Fixtures(dir).options(true);
        String text = LauncherFlagsFile.render(options, InstallPaths.windows("kolide-k2"));
        assertThat(text).contains("root_directory C:\\ProgramData\\Kolide\\Launcher-kolide-k2\\data\n",
                "osqueryd_path C:\\Program Files\\Kolide\\Launcher-kolide-k2\\bin\\osqueryd.exe\n",
                "enroll_secret_path C:\\Program Files\\Kolide\\Launcher-kolide-k2\\conf\\secret\n");
    }
}
