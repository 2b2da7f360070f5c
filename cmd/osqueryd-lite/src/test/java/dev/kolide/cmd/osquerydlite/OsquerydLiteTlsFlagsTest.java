package dev.kolide.cmd.osquerydlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.kit.version.BuildInfo;
import dev.kolide.osquery.lite.tls.TlsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The TLS flags launcher's --transport=osquery passes, and osquery's other TLS flags. */
class OsquerydLiteTlsFlagsTest {
    private static TlsOptions parse(String... args) {
        OsquerydLiteMain main = new OsquerydLiteMain(BuildInfo.load(OsquerydLiteMain.class, "osqueryd-lite"));
        CommandLine.ParseResult result = new CommandLine(main).parseArgs(args);
        assertThat(result.unmatched()).isEmpty();
        return main.tlsOptions();
    }

    @Test
    void launchersOsqueryTransportFlagsAreAllUnderstood() {
        TlsOptions tls = parse("--config_plugin=tls", "--logger_plugin=tls", "--distributed_plugin=tls",
                "--tls_hostname=fleet.example:8080", "--enroll_tls_endpoint=/api/v1/osquery/enroll",
                "--config_tls_endpoint=/api/v1/osquery/config", "--logger_tls_endpoint=/api/v1/osquery/log",
                "--distributed_tls_read_endpoint=/api/v1/osquery/distributed/read",
                "--distributed_tls_write_endpoint=/api/v1/osquery/distributed/write", "--logger_tls_period=10",
                "--enroll_secret_path=/var/kolide/secret", "--tls_server_certs=/var/kolide/ca.pem",
                "--config_refresh=10", "--distributed_interval=10", "--host_identifier=uuid",
                "--disable_distributed=false");

        assertThat(tls.hostname()).isEqualTo("fleet.example:8080");
        assertThat(tls.enrollEndpoint()).isEqualTo("/api/v1/osquery/enroll");
        assertThat(tls.configEndpoint()).isEqualTo("/api/v1/osquery/config");
        assertThat(tls.loggerEndpoint()).isEqualTo("/api/v1/osquery/log");
        assertThat(tls.distributedReadEndpoint()).isEqualTo("/api/v1/osquery/distributed/read");
        assertThat(tls.distributedWriteEndpoint()).isEqualTo("/api/v1/osquery/distributed/write");
        assertThat(tls.loggerPeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(tls.enrollSecretPath()).contains(Path.of("/var/kolide/secret"));
        assertThat(tls.serverCerts()).contains(Path.of("/var/kolide/ca.pem"));
    }

    @Test
    void osquerysOtherTlsFlagsAndTheirDefaults() {
        TlsOptions defaults = parse();
        assertThat(defaults.serverCerts()).isEqualTo(Optional.empty());
        assertThat(defaults.loggerMaxLines()).isEqualTo(1024);
        assertThat(defaults.loggerMaxLineSize()).isEqualTo(1024 * 1024);
        assertThat(defaults.loggerPeriod()).isEqualTo(Duration.ofSeconds(4));
        assertThat(defaults.configMaxAttempts()).isEqualTo(3);
        assertThat(defaults.disableEnrollment()).isFalse();

        TlsOptions tls = parse("--disable_enrollment", "--config_tls_max_attempts=5", "--logger_tls_max_lines=10",
                "--logger_tls_max_linesize=2048", "--tls_session_reuse=false", "--distributed_tls_max_attempts=2");

        assertThat(tls.disableEnrollment()).isTrue();
        assertThat(tls.configMaxAttempts()).isEqualTo(5);
        assertThat(tls.loggerMaxLines()).isEqualTo(10);
        assertThat(tls.loggerMaxLineSize()).isEqualTo(2048);
        assertThat(tls.sessionReuse()).isFalse();
        assertThat(tls.distributedMaxAttempts()).isEqualTo(2);
    }
}
