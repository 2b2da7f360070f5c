package dev.kolide.pkgbuilder.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.flags.FlagDefaults;
import dev.kolide.pkgbuilder.BadInputException;
import dev.kolide.pkgbuilder.PackageBuilder;
import dev.kolide.pkgbuilder.PackageOptions;
import dev.kolide.pkgbuilder.format.PackageWriter;
import dev.kolide.pkgbuilder.format.deb.DebWriter;
import dev.kolide.pkgbuilder.format.msi.MsiWriter;
import dev.kolide.pkgbuilder.format.rpm.RpmWriter;
import dev.kolide.pkgbuilder.format.tar.TarWriter;
import dev.kolide.pkgbuilder.layout.Layout;
import dev.kolide.pkgbuilder.target.PackageType;
import dev.kolide.pkgbuilder.target.SupportedTargets;
import dev.kolide.pkgbuilder.target.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code package-builder make}: Kolide's flags (reference §A.1), each also from {@code KOLIDE_PACKAGE_BUILDER_<FLAG>}
 * or Kolide's bare variable ({@link KolideEnv}). Bad input exits 2 before anything is written.
 */
@Command(name = "make", mixinStandardHelpOptions = true,
        description = "Builds launcher packages for each target into --output_dir and prints their paths.")
public final class MakeCommand implements Callable<Integer> {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9.+-]*");
    private static final Pattern VERSION = Pattern.compile("[0-9][A-Za-z0-9.+~]*");
    private static final Set<String> TRANSPORTS = Set.of("grpc", "jsonrpc", "osquery");

    @Option(names = "--hostname", paramLabel = "HOST:PORT", description = "The server the launcher enrolls with (required)")
    String hostname;

    @Option(names = "--enroll_secret", paramLabel = "SECRET", description = "Written to /etc/<id>/secret, mode 0600")
    String enrollSecret;

    @Option(names = "--omit_secret", description = "Do not ship the secret file (the flags file still names it)")
    boolean omitSecret;

    @Option(names = "--identifier", defaultValue = "launcher", paramLabel = "ID",
            description = "Shards paths and service names (default: ${DEFAULT-VALUE})")
    String identifier;

    @Option(names = "--update_channel", paramLabel = "CHANNEL",
            description = "Autoupdate channel; refused until the launcher has autoupdate")
    String updateChannel;

    @Option(names = "--insecure", description = "The launcher skips TLS certificate checks")
    boolean insecure;

    @Option(names = "--insecure_transport", description = "The launcher talks to the server without TLS")
    boolean insecureTransport;

    @Option(names = "--transport", paramLabel = "grpc|jsonrpc|osquery", description = "The launcher's transport")
    String transport;

    @Option(names = "--cert_pins", paramLabel = "SHA256,...", description = "Hex SHA-256 SPKI pins, comma-separated")
    String certPins;

    @Option(names = "--root_pem", paramLabel = "FILE", description = "CA certificates, shipped as /etc/<id>/roots.pem")
    Path rootPem;

    @Option(names = "--osquery_flag", split = FlagDefaults.REPEATED, paramLabel = "FLAG",
            description = "An osqueryd flag for the launcher to pass, repeatable")
    List<String> osqueryFlags = new ArrayList<>();

    @Option(names = "--osquery_version", defaultValue = "stable", paramLabel = "PATH",
            description = "osqueryd: a local path (./, /, \\, C:, D:); channels need the updater (default: ${DEFAULT-VALUE})")
    String osqueryVersion;

    @Option(names = "--launcher_version", paramLabel = "PATH",
            description = "The launcher: a local path to launcher.jar, build/launcher or (MSI) launcher.exe; "
                    + "default: the launcher built next to this package-builder")
    String launcherVersion;

    @Option(names = "--package_version", paramLabel = "VERSION", description = "The packages' version (required)")
    String packageVersion;

    @Option(names = "--targets", paramLabel = "T1,T2", defaultValue = "linux-systemd-rpm,linux-systemd-deb",
            description = "Comma-separated targets, see list-targets (default: ${DEFAULT-VALUE})")
    String targets;

    @Option(names = "--output_dir", paramLabel = "DIR", description = "Where packages go (default: a new temp dir)")
    Path outputDir;

    @Option(names = "--cache_dir", paramLabel = "DIR",
            description = "Download cache; unused until channels resolve through the updater")
    Path cacheDir;

    @Option(names = "--bin_root_dir", defaultValue = "/usr/local", paramLabel = "DIR",
            description = "Root of <id>/bin on Linux (default: ${DEFAULT-VALUE})")
    String binRootDir;

    @Spec
    CommandSpec spec;

    private final PackageBuilderContext context;

    public MakeCommand(PackageBuilderContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() throws IOException {
        PackageOptions options;
        List<Target> chosen;
        Path out;
        try {
            chosen = targets();
            options = options();
            out = outputDir != null ? outputDir : Files.createTempDirectory("package-builder");
        } catch (BadInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PackageBuilder builder = new PackageBuilder(new Layout(), writers(), context.err(), context.clock());
        List<PackageBuilder.Built> built;
        try {
            built = builder.build(options, chosen, out);
        } catch (BadInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        for (PackageBuilder.Built b : built) {
            context.out().println(b.path());
        }
        context.out().flush();
        return 0;
    }

    private Map<PackageType, PackageWriter> writers() {
        return Map.of(PackageType.DEB, new DebWriter(), PackageType.RPM, new RpmWriter(),
                PackageType.TAR, new TarWriter(), PackageType.MSI, new MsiWriter(context.env()));
    }

    private List<Target> targets() {
        SupportedTargets supported = new SupportedTargets();
        Set<Target> chosen = new LinkedHashSet<>();
        for (String name : targets.split(",")) {
            if (!name.isBlank()) {
                chosen.add(supported.require(name.strip()));
            }
        }
        if (chosen.isEmpty()) {
            throw new BadInputException("--targets: no target given; see list-targets");
        }
        return List.copyOf(chosen);
    }

    PackageOptions options() {
        if (hostname == null || hostname.isBlank()) {
            throw new BadInputException("--hostname is required (the server the launcher enrolls with)");
        }
        if (!hostname.matches("[^\\s/]+")) {
            throw new BadInputException("--hostname \"" + hostname + "\" must be host or host:port");
        }
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw new BadInputException("--identifier \"" + identifier + "\": use lower-case letters, digits, ., + and -");
        }
        if (updateChannel != null && !updateChannel.isBlank()) {
            throw new BadInputException("--update_channel: this launcher has no autoupdate yet, and it refuses a flags "
                    + "file with flags it does not know; leave it empty until the launcher's autoupdate lands");
        }
        if (transport != null && !transport.isEmpty() && !TRANSPORTS.contains(transport)) {
            throw new BadInputException("--transport \"" + transport + "\": one of grpc, jsonrpc, osquery");
        }
        checkPins();
        Optional<Path> pem = Optional.ofNullable(rootPem).map(p -> readable(p, "--root_pem"));
        Path osqueryd = readable(localPath(osqueryVersion, "--osquery_version"), "--osquery_version");
        Path launcher = launcherVersion == null || launcherVersion.isBlank()
                ? LauncherLocator.locate(context.self(), context.workingDir())
                : readable(localPath(launcherVersion, "--launcher_version"), "--launcher_version");
        if (packageVersion == null || packageVersion.isBlank()) {
            throw new BadInputException("--package_version is required with a local launcher (Kolide's rule: there "
                    + "is no release to take it from)");
        }
        if (!VERSION.matcher(packageVersion).matches()) {
            throw new BadInputException("--package_version \"" + packageVersion + "\": start with a digit, then "
                    + "letters, digits, ., + or ~ (deb and rpm both accept that)");
        }
        if (!binRootDir.startsWith("/") || binRootDir.endsWith("/") || binRootDir.contains("//")) {
            throw new BadInputException("--bin_root_dir \"" + binRootDir + "\" must be an absolute path like /usr/local");
        }
        return new PackageOptions(hostname, enrollSecret, omitSecret, identifier, insecure, insecureTransport,
                transport, certPins, pem, osqueryFlags, osqueryd, launcher, packageVersion, binRootDir, mtime());
    }

    private void checkPins() {
        if (certPins == null || certPins.isEmpty()) {
            return;
        }
        for (String pin : certPins.split(",", -1)) {
            try {
                if (pin.isEmpty() || HexFormat.of().parseHex(pin).length == 0) {
                    throw new IllegalArgumentException("empty");
                }
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--cert_pins: \"" + pin + "\" is not hex (a SHA-256 of a SPKI, "
                        + "64 hex digits)", e);
            }
        }
    }

    /** Kolide's rule: {@code ./}, {@code /}, {@code \}, {@code C:} and {@code D:} start a local path; we add {@code ../}. */
    private Path localPath(String value, String flag) {
        if (value.startsWith("./") || value.startsWith("../") || value.startsWith("/") || value.startsWith("\\") || value.startsWith("C:")
                || value.startsWith("D:")) {
            return context.workingDir().resolve(value).normalize();
        }
        throw new BadInputException(flag + "=" + value + ": only local paths (starting ./, ../, /, \\, C: or D:) are "
                + "supported until the updater lands; channels and versions cannot be resolved yet");
    }

    private static Path readable(Path path, String flag) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new BadInputException(flag + ": " + path + " is not a readable file");
        }
        return path;
    }

    /** {@code SOURCE_DATE_EPOCH} when set (reproducible builds), else now, to the second. */
    private Instant mtime() {
        String epoch = context.env().get("SOURCE_DATE_EPOCH");
        if (epoch == null || epoch.isBlank()) {
            return Instant.ofEpochSecond(context.clock().instant().getEpochSecond());
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(epoch.strip()));
        } catch (NumberFormatException e) {
            throw new BadInputException("SOURCE_DATE_EPOCH \"" + epoch + "\" is not a number of seconds", e);
        }
    }
}
