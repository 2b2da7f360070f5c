package dev.kolide.launcher.cli;

import dev.kolide.kit.flags.FlagDefaults;
import dev.kolide.kit.flags.GoDuration;
import dev.kolide.launcher.autoupdate.AutoupdateConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The launcher's flags, named as Kolide's launcher names them (reference launcher.md §1.1), so existing flag files,
 * packages and {@code KOLIDE_LAUNCHER_*} environments keep working. Values are checked by {@link LauncherOptions}.
 */
public final class LauncherFlags {
    @Option(names = "--hostname", paramLabel = "HOST:PORT", description = "The server to enroll with, host:port")
    String hostname = "";

    @Option(names = "--transport", defaultValue = "grpc", paramLabel = "grpc|jsonrpc|osquery",
            description = "How to talk to the server: grpc, jsonrpc, or osquery (osqueryd's own TLS plugins)"
                    + " (default: ${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--enroll_secret", paramLabel = "SECRET", description = "The enroll secret")
    String enrollSecret = "";

    @Option(names = "--enroll_secret_path", paramLabel = "FILE",
            description = "A file holding the enroll secret (trimmed); exclusive with --enroll_secret")
    String enrollSecretPath = "";

    @Option(names = "--root_directory", paramLabel = "DIR",
            description = "Where launcher.db, osquery's database, pidfile and socket live (default: $TMPDIR/launcher-root)")
    String rootDirectory = "";

    @Option(names = "--osqueryd_path", paramLabel = "FILE",
            description = "The osqueryd binary (default: /usr/local/kolide/bin/osqueryd, else osqueryd on $PATH)")
    String osquerydPath = "";

    @Option(names = "--cert_pins", paramLabel = "SHA256,...",
            description = "Comma-separated hex SHA-256 hashes of certificate public keys (SPKI); one must be in the"
                    + " server's chain")
    String certPins = "";

    @Option(names = "--root_pem", paramLabel = "FILE", description = "PEM file of the CA certificates to trust")
    String rootPem = "";

    @Option(names = "--logging_interval", defaultValue = "60s", converter = GoDuration.class, paramLabel = "DURATION",
            description = "How often buffered logs are sent (default: ${DEFAULT-VALUE})")
    Duration loggingInterval;

    @Option(names = "--osquery_flag", split = FlagDefaults.REPEATED, paramLabel = "FLAG",
            description = "An extra osqueryd flag (repeatable), e.g. --osquery_flag=config_refresh=60")
    List<String> osqueryFlags = new ArrayList<>();

    @Option(names = "--debug", description = "Log at debug level")
    boolean debug;

    @Option(names = "--osquery_verbose", description = "Run osqueryd with --verbose")
    boolean osqueryVerbose;

    @Option(names = "--insecure", description = "Do not verify the server's TLS certificate")
    boolean insecure;

    @Option(names = "--insecure_transport", description = "Talk to the server without TLS")
    boolean insecureTransport;

    @Option(names = "--log_max_bytes_per_batch", defaultValue = "3145728", paramLabel = "BYTES",
            description = "Largest batch of logs sent at once; a single larger log is dropped (default: ${DEFAULT-VALUE})")
    long logMaxBytesPerBatch;

    @Option(names = "--autoupdate", description = "Keep osqueryd and the launcher updated from the TUF repository")
    boolean autoupdate;

    @Option(names = "--update_channel", defaultValue = "stable", paramLabel = "stable|beta|nightly",
            description = "The release channel autoupdate follows (default: ${DEFAULT-VALUE})")
    String updateChannel = "stable";

    @Option(names = "--notary_url", defaultValue = AutoupdateConfig.DEFAULT_NOTARY_URL, paramLabel = "URL",
            description = "The Notary server of the TUF metadata (default: ${DEFAULT-VALUE})")
    String notaryUrl = AutoupdateConfig.DEFAULT_NOTARY_URL;

    @Option(names = "--mirror_url", defaultValue = AutoupdateConfig.DEFAULT_MIRROR_URL, paramLabel = "URL",
            description = "Where update archives are downloaded from (default: ${DEFAULT-VALUE})")
    String mirrorUrl = AutoupdateConfig.DEFAULT_MIRROR_URL;

    @Option(names = "--notary_prefix", defaultValue = AutoupdateConfig.DEFAULT_NOTARY_PREFIX, paramLabel = "PREFIX",
            description = "The prefix of the Notary repositories (GUNs), <prefix>/<binary> (default: ${DEFAULT-VALUE})")
    String notaryPrefix = AutoupdateConfig.DEFAULT_NOTARY_PREFIX;

    @Option(names = "--autoupdate_interval", defaultValue = "1h", converter = GoDuration.class, paramLabel = "DURATION",
            description = "How often autoupdate looks for new builds; at least 1m (default: ${DEFAULT-VALUE})")
    Duration autoupdateInterval = Duration.ofHours(1);

    @Option(names = "--autoupdater_initial_delay", defaultValue = "1h", converter = GoDuration.class,
            paramLabel = "DURATION", description = "How long after start autoupdate first looks (default: ${DEFAULT-VALUE})")
    Duration autoupdaterInitialDelay = Duration.ofHours(1);

    @Option(names = "--autoupdate_root", paramLabel = "DIR",
            description = "Where the root.json of each update repository is first trusted from: <DIR>/osqueryd.json,"
                    + " <DIR>/launcher.json (read once; the trusted metadata then lives in <root_directory>)")
    String autoupdateRoot = "";

    /** Lets tests check for updates more often than once a minute; a fleet of hosts must not. */
    @Option(names = "--autoupdate_allow_short_interval", hidden = true)
    boolean autoupdateAllowShortInterval;
}
