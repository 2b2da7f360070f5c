package dev.kolide.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.kit.flags.FlagException;
import dev.kolide.launcher.autoupdate.AutoupdateConfig;
import dev.kolide.launcher.autoupdate.UpdateChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LauncherOptionsTest {
    @TempDir
    Path dir;

    private Path osqueryd;

    @BeforeEach
    void fakeBinary() throws IOException {
        osqueryd = dir.resolve("osqueryd");
        Files.writeString(osqueryd, "#!/bin/sh\n");
        Files.setPosixFilePermissions(osqueryd, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private LauncherFlags valid() {
        LauncherFlags flags = new LauncherFlags();
        flags.hostname = "fleet.example.com:8080";
        flags.transport = "grpc";
        flags.enrollSecret = "s3cret";
        flags.osquerydPath = osqueryd.toString();
        flags.loggingInterval = Duration.ofSeconds(60);
        flags.logMaxBytesPerBatch = 3 * 1024 * 1024;
        flags.rootDirectory = dir.resolve("root").toString();
        return flags;
    }

    @Test
    void acceptsAFullSetOfFlags() throws IOException {
        LauncherFlags flags = valid();
        Path pem = Files.writeString(dir.resolve("roots.pem"), "-----BEGIN CERTIFICATE-----\n");
        flags.rootPem = pem.toString();
        flags.certPins = " AB" + "0".repeat(62) + " ,," + "f".repeat(64);
        flags.osqueryFlags = List.of("config_refresh=60", "--verbose", "-utc");
        flags.transport = "JSONRPC";

        LauncherOptions options = LauncherOptions.from(flags, Map.of());

        assertThat(options.transport()).isEqualTo(Transport.JSONRPC);
        assertThat(options.certPins()).containsExactly("ab" + "0".repeat(62), "f".repeat(64));
        assertThat(options.rootPem()).contains(pem.toAbsolutePath());
        assertThat(options.osqueryFlags()).containsExactly("--config_refresh=60", "--verbose", "--utc");
        assertThat(options.osquerydPath()).isEqualTo(osqueryd.toAbsolutePath());
        assertThat(options.enrollSecret().get()).isEqualTo("s3cret");
    }

    @Test
    void readsTheSecretFileTrimmedAndAtEachUse() throws IOException {
        LauncherFlags flags = valid();
        flags.enrollSecret = "";
        Path secret = Files.writeString(dir.resolve("secret"), "  first\n");
        flags.enrollSecretPath = secret.toString();

        LauncherOptions options = LauncherOptions.from(flags, Map.of());
        assertThat(options.enrollSecret().get()).isEqualTo("first");
        Files.writeString(secret, "second\n");
        assertThat(options.enrollSecret().get()).isEqualTo("second");
    }

    @ParameterizedTest
    @CsvSource({
        "fleet:8080, fleet:8080",
        "fleet, fleet:443",
        "10.0.0.1:443, 10.0.0.1:443",
        "[::1]:8080, [::1]:8080",
        "[::1], [::1]:443",
    })
    void hostnameGetsAPort(String given, String expected) {
        assertThat(LauncherOptions.withPort(given)).isEqualTo(expected);
    }

    @Test
    void defaultRootIsUnderTmpdir() {
        LauncherFlags flags = valid();
        flags.rootDirectory = "";
        assertThat(LauncherOptions.from(flags, Map.of("TMPDIR", dir.toString())).rootDirectory())
                .isEqualTo(dir.resolve("launcher-root"));
    }

    @Test
    void findsOsquerydOnThePath() {
        assertThat(LauncherOptions.osquerydPath("", Map.of("PATH", "/nonexistent:" + dir)))
                .isEqualTo(osqueryd.toAbsolutePath());
    }

    static Stream<Arguments> badFlags() {
        return Stream.of(
                bad("missing hostname", f -> f.hostname = " ", "--hostname is required"),
                bad("hostname with a bad port", f -> f.hostname = "fleet:http", "is not a port number"),
                bad("port out of range", f -> f.hostname = "fleet:70000", "out of range"),
                bad("unknown transport", f -> f.transport = "carrier-pigeon", "unknown transport 'carrier-pigeon'"),
                bad("both secrets", f -> f.enrollSecretPath = "/etc/hostname",
                        "--enroll_secret and --enroll_secret_path are both set"),
                bad("unreadable secret file", f -> {
                    f.enrollSecret = "";
                    f.enrollSecretPath = "/nonexistent/secret";
                }, "--enroll_secret_path: /nonexistent/secret does not exist"),
                bad("missing root_pem", f -> f.rootPem = "/nonexistent/roots.pem", "--root_pem: /nonexistent/roots.pem"),
                bad("malformed pin", f -> f.certPins = "abc", "--cert_pins: 'abc' is not a hex SHA-256"),
                bad("missing osqueryd", f -> f.osquerydPath = "/nonexistent/osqueryd",
                        "--osqueryd_path: /nonexistent/osqueryd does not exist"),
                bad("zero logging interval", f -> f.loggingInterval = Duration.ZERO,
                        "--logging_interval must be positive"),
                bad("batch too large", f -> f.logMaxBytesPerBatch = 5L * 1024 * 1024,
                        "--log_max_bytes_per_batch must be between"),
                bad("unknown channel", f -> f.updateChannel = "alpha",
                        "--update_channel: unknown update channel 'alpha': use one of stable, beta, nightly"),
                bad("autoupdate interval under a minute", f -> f.autoupdateInterval = Duration.ofSeconds(10),
                        "--autoupdate_interval must be at least 1m, got 10s"),
                bad("zero autoupdate interval", f -> f.autoupdateInterval = Duration.ZERO,
                        "--autoupdate_interval must be positive"),
                bad("negative initial delay", f -> f.autoupdaterInitialDelay = Duration.ofSeconds(-1),
                        "--autoupdater_initial_delay must not be negative"),
                bad("notary url without scheme", f -> f.notaryUrl = "notary.example.com",
                        "--notary_url: 'notary.example.com' is not an http(s) URL with a host"),
                bad("mirror url not a url", f -> f.mirrorUrl = "https://dl example", "--mirror_url: 'https://dl example'"),
                bad("bad notary prefix", f -> f.notaryPrefix = "/kolide", "--notary_prefix: '/kolide'"));
    }

    private static Arguments bad(String name, Consumer<LauncherFlags> change, String message) {
        return Arguments.of(name, change, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFlags")
    void refusesBadFlagsWithAClearMessage(String name, Consumer<LauncherFlags> change, String message) {
        LauncherFlags flags = valid();
        change.accept(flags);
        assertThatThrownBy(() -> LauncherOptions.from(flags, Map.of("PATH", "")))
                .isInstanceOf(FlagException.class)
                .hasMessageContaining(message);
    }

    @Test
    void autoupdateIsOffByDefaultWithKolidesServersAndHourlyChecks() {
        AutoupdateConfig autoupdate = LauncherOptions.from(valid(), Map.of()).autoupdate();

        assertThat(autoupdate.enabled()).isFalse();
        assertThat(autoupdate.channel()).isEqualTo(UpdateChannel.STABLE);
        assertThat(autoupdate.notaryUrl()).hasToString("https://notary.kolide.co");
        assertThat(autoupdate.mirrorUrl()).hasToString("https://dl.kolide.co");
        assertThat(autoupdate.notaryPrefix()).isEqualTo("kolide");
        assertThat(autoupdate.interval()).isEqualTo(Duration.ofHours(1));
        assertThat(autoupdate.initialDelay()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void acceptsAutoupdateFlagsAndShortIntervalsOnlyWithTheHiddenTestFlag() {
        LauncherFlags flags = valid();
        flags.autoupdate = true;
        flags.updateChannel = "NIGHTLY";
        flags.notaryUrl = "http://127.0.0.1:4443";
        flags.notaryPrefix = "acme/agents";
        flags.autoupdateInterval = Duration.ofSeconds(5);
        flags.autoupdaterInitialDelay = Duration.ZERO;
        flags.autoupdateAllowShortInterval = true;

        AutoupdateConfig autoupdate = LauncherOptions.from(flags, Map.of()).autoupdate();

        assertThat(autoupdate.enabled()).isTrue();
        assertThat(autoupdate.channel()).isEqualTo(UpdateChannel.NIGHTLY);
        assertThat(autoupdate.targets().gun("osqueryd")).isEqualTo("acme/agents/osqueryd");
        assertThat(autoupdate.interval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void emptySecretFileIsRefused() throws IOException {
        LauncherFlags flags = valid();
        flags.enrollSecret = "";
        flags.enrollSecretPath = Files.writeString(dir.resolve("empty"), " \n").toString();
        assertThatThrownBy(() -> LauncherOptions.from(flags, Map.of())).isInstanceOf(FlagException.class)
                .hasMessageContaining("is empty");
    }
}
