package dev.kolide.launcher.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.flags.FlagException;
import dev.kolide.kit.flags.GoDuration;
import dev.kolide.launcher.autoupdate.AutoupdateConfig;
import dev.kolide.launcher.autoupdate.UpdateChannel;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The launcher's flags, checked: every problem is a {@link FlagException} whose message names the flag and says
 * what is wrong, which the command line turns into exit code 2.
 */
public record LauncherOptions(
        String hostname,
        Transport transport,
        EnrollSecret enrollSecret,
        Path rootDirectory,
        Path osquerydPath,
        List<String> certPins,
        Optional<Path> rootPem,
        Duration loggingInterval,
        List<String> osqueryFlags,
        boolean debug,
        boolean osqueryVerbose,
        boolean insecure,
        boolean insecureTransport,
        long maxBatchBytes,
        AutoupdateConfig autoupdate,
        Optional<Path> autoupdateRoot) {

    /** Where Kolide's packages install osqueryd; tried before {@code $PATH}. */
    static final Path PACKAGED_OSQUERYD = Path.of("/usr/local/kolide/bin/osqueryd");

    public LauncherOptions {
        requireNonNull(hostname, "hostname is null");
        requireNonNull(transport, "transport is null");
        requireNonNull(enrollSecret, "enrollSecret is null");
        requireNonNull(rootDirectory, "rootDirectory is null");
        requireNonNull(osquerydPath, "osquerydPath is null");
        certPins = List.copyOf(certPins);
        requireNonNull(rootPem, "rootPem is null");
        requireNonNull(loggingInterval, "loggingInterval is null");
        osqueryFlags = List.copyOf(osqueryFlags);
        requireNonNull(autoupdate, "autoupdate is null");
        requireNonNull(autoupdateRoot, "autoupdateRoot is null");
    }

    /** The enroll secret, from the flag or read from its file at each use (so the file can be replaced). */
    public record EnrollSecret(String value, Optional<Path> path) implements Supplier<String> {
        @Override
        public String get() {
            if (path.isEmpty()) {
                return value;
            }
            try {
                return Files.readString(path.get(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new FlagException("--enroll_secret_path: cannot read " + path.get() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Checks {@code flags}; {@code env} gives {@code PATH} and {@code TMPDIR}. */
    public static LauncherOptions from(LauncherFlags flags, Map<String, String> env) {
        String hostname = flags.hostname.trim();
        if (hostname.isEmpty()) {
            throw new FlagException("--hostname is required: the server to enroll with, as host:port");
        }
        hostname = withPort(hostname);
        Transport transport = Transport.parse(flags.transport);
        if (flags.loggingInterval.isNegative() || flags.loggingInterval.isZero()) {
            throw new FlagException("--logging_interval must be positive, got " + flags.loggingInterval);
        }
        if (flags.logMaxBytesPerBatch < 1024 || flags.logMaxBytesPerBatch > 4L * 1024 * 1024 - 64 * 1024) {
            // gRPC refuses messages over 4 MiB; leave room for the envelope.
            throw new FlagException("--log_max_bytes_per_batch must be between 1024 and 4128768, got "
                    + flags.logMaxBytesPerBatch);
        }
        Optional<Path> rootPem = readableFile("--root_pem", flags.rootPem);
        return new LauncherOptions(hostname, transport, enrollSecret(flags), rootDirectory(flags, env),
                osquerydPath(flags.osquerydPath, env), certPins(flags.certPins), rootPem, flags.loggingInterval,
                osqueryFlags(flags.osqueryFlags), flags.debug, flags.osqueryVerbose, flags.insecure,
                flags.insecureTransport, flags.logMaxBytesPerBatch, autoupdate(flags), autoupdateRoot(flags));
    }

    /** Shortest {@code --autoupdate_interval}: a fleet of hosts asking more often would load the Notary server. */
    static final Duration MIN_AUTOUPDATE_INTERVAL = Duration.ofMinutes(1);

    static AutoupdateConfig autoupdate(LauncherFlags flags) {
        UpdateChannel channel;
        try {
            channel = UpdateChannel.parse(flags.updateChannel);
        } catch (IllegalArgumentException e) {
            throw new FlagException("--update_channel: " + e.getMessage(), e);
        }
        Duration interval = flags.autoupdateInterval;
        if (interval.isNegative() || interval.isZero()) {
            throw new FlagException("--autoupdate_interval must be positive, got " + GoDuration.format(interval));
        }
        if (interval.compareTo(MIN_AUTOUPDATE_INTERVAL) < 0 && !flags.autoupdateAllowShortInterval) {
            throw new FlagException("--autoupdate_interval must be at least 1m, got " + GoDuration.format(interval));
        }
        if (flags.autoupdaterInitialDelay.isNegative()) {
            throw new FlagException("--autoupdater_initial_delay must not be negative, got "
                    + GoDuration.format(flags.autoupdaterInitialDelay));
        }
        String prefix = flags.notaryPrefix.strip();
        if (!prefix.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")) {
            throw new FlagException("--notary_prefix: '" + prefix
                    + "' is not a repository prefix (letters, digits, '.', '_', '-', parts joined by '/')");
        }
        return new AutoupdateConfig(flags.autoupdate, channel, httpUrl("--notary_url", flags.notaryUrl),
                httpUrl("--mirror_url", flags.mirrorUrl), prefix, interval, flags.autoupdaterInitialDelay);
    }

    private static URI httpUrl(String flag, String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new FlagException(flag + ": '" + value + "' is not a URL: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new FlagException(flag + ": '" + value + "' is not an http(s) URL with a host");
        }
        return uri;
    }

    /** The directory of the bootstrap roots ({@code <binary>.json}); must exist when given. */
    static Optional<Path> autoupdateRoot(LauncherFlags flags) {
        if (flags.autoupdateRoot.isBlank()) {
            return Optional.empty();
        }
        Path dir = Path.of(flags.autoupdateRoot).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new FlagException("--autoupdate_root: " + dir + " is not a directory");
        }
        return Optional.of(dir);
    }

    static EnrollSecret enrollSecret(LauncherFlags flags) {
        boolean hasValue = !flags.enrollSecret.isEmpty();
        boolean hasPath = !flags.enrollSecretPath.isEmpty();
        if (hasValue && hasPath) {
            throw new FlagException("--enroll_secret and --enroll_secret_path are both set; use one");
        }
        if (!hasPath) {
            return new EnrollSecret(flags.enrollSecret, Optional.empty());
        }
        Path path = readableFile("--enroll_secret_path", flags.enrollSecretPath).orElseThrow();
        EnrollSecret secret = new EnrollSecret("", Optional.of(path));
        if (secret.get().isEmpty()) {
            throw new FlagException("--enroll_secret_path: " + path + " is empty");
        }
        return secret;
    }

    static Path rootDirectory(LauncherFlags flags, Map<String, String> env) {
        if (!flags.rootDirectory.isBlank()) {
            Path root = Path.of(flags.rootDirectory).toAbsolutePath();
            if (Files.exists(root) && !Files.isDirectory(root)) {
                throw new FlagException("--root_directory: " + root + " is not a directory");
            }
            return root;
        }
        String tmp = env.getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir"));
        return Path.of(tmp.isBlank() ? "/tmp" : tmp, "launcher-root").toAbsolutePath();
    }

    /** The explicit binary, else the packaged one, else {@code osqueryd} on {@code PATH}. */
    static Path osquerydPath(String flag, Map<String, String> env) {
        if (!flag.isBlank()) {
            Path path = Path.of(flag).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new FlagException("--osqueryd_path: " + path + " does not exist");
            }
            if (!Files.isExecutable(path)) {
                throw new FlagException("--osqueryd_path: " + path + " is not executable");
            }
            return path;
        }
        if (Files.isExecutable(PACKAGED_OSQUERYD)) {
            return PACKAGED_OSQUERYD;
        }
        String windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                ? ".exe" : "";
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir, "osqueryd" + windows);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath();
                }
            }
        }
        throw new FlagException("osqueryd not found at " + PACKAGED_OSQUERYD + " or on $PATH: set --osqueryd_path");
    }

    static List<String> certPins(String flag) {
        List<String> pins = new ArrayList<>();
        for (String pin : flag.split(",")) {
            String trimmed = pin.trim().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.length() != 64 || !trimmed.chars().allMatch(HexFormat::isHexDigit)) {
                throw new FlagException("--cert_pins: '" + pin.trim()
                        + "' is not a hex SHA-256 hash (64 hex digits)");
            }
            pins.add(trimmed);
        }
        return pins;
    }

    /** Each extra osqueryd flag with its {@code --}, as Kolide's launcher passes them. */
    static List<String> osqueryFlags(List<String> flags) {
        List<String> out = new ArrayList<>();
        for (String flag : flags) {
            String trimmed = flag.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            out.add(trimmed.startsWith("--") ? trimmed : "--" + trimmed.replaceFirst("^-", ""));
        }
        return out;
    }

    private static Optional<Path> readableFile(String flag, String value) {
        if (value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new FlagException(flag + ": " + path + " does not exist or is not a file");
        }
        if (!Files.isReadable(path)) {
            throw new FlagException(flag + ": " + path + " is not readable");
        }
        return Optional.of(path);
    }

    /** {@code host:port}; a bare host means the HTTPS port, as a URL would. */
    static String withPort(String hostname) {
        int colon = hostname.lastIndexOf(':');
        if (colon < 0 || hostname.endsWith("]")) {
            return hostname + ":443";
        }
        if (colon == 0 || colon == hostname.length() - 1) {
            throw new FlagException("--hostname: '" + hostname + "' is not host:port");
        }
        int port;
        try {
            port = Integer.parseInt(hostname.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new FlagException("--hostname: '" + hostname.substring(colon + 1) + "' is not a port number", e);
        }
        if (port < 1 || port > 65535) {
            throw new FlagException("--hostname: port " + port + " is out of range");
        }
        return hostname;
    }
}
