package dev.kolide.pkgbuilder.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.flags.FlagDefaults;
import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.pkgbuilder.BadInputException;
import dev.kolide.pkgbuilder.PackageBuilder;
import dev.kolide.pkgbuilder.PackageOptions;
import dev.kolide.pkgbuilder.format.PackageWriter;
import dev.kolide.pkgbuilder.format.deb.DebWriter;
import dev.kolide.pkgbuilder.format.msi.MsiWriter;
import dev.kolide.pkgbuilder.format.rpm.RpmWriter;
import dev.kolide.pkgbuilder.format.tar.TarWriter;
import dev.kolide.pkgbuilder.layout.Layout;
import dev.kolide.pkgbuilder.osquery.OsquerydArchive;
import dev.kolide.pkgbuilder.osquery.OsquerydResolver;
import dev.kolide.pkgbuilder.osquery.OsquerydSource;
import dev.kolide.pkgbuilder.osquery.OsquerydTargets;
import dev.kolide.pkgbuilder.target.PackageType;
import dev.kolide.pkgbuilder.target.Platform;
import dev.kolide.pkgbuilder.target.SupportedTargets;
import dev.kolide.pkgbuilder.target.Target;
import dev.kolide.updater.download.TargetNames;
import dev.kolide.updater.http.ServerUrl;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.stream.Collectors;
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

    @Option(names = "--osquery_version", defaultValue = "stable", paramLabel = "VERSION",
            description = "osqueryd: a channel (stable, beta, nightly) or version resolved through Notary, or a local "
                    + "path (./, ../, /, \\, C:, D:) (default: ${DEFAULT-VALUE})")
    String osqueryVersion;

    @Option(names = "--notary_url", defaultValue = "https://notary.kolide.co", paramLabel = "URL",
            description = "Notary server with osqueryd's TUF metadata; https, http only to localhost "
                    + "(default: ${DEFAULT-VALUE})")
    String notaryUrl;

    @Option(names = "--mirror_url", defaultValue = "https://dl.kolide.co", paramLabel = "URL",
            description = "Mirror serving <mirror>/<gun>/<target> (default: ${DEFAULT-VALUE})")
    String mirrorUrl;

    @Option(names = "--notary_prefix", defaultValue = "kolide", paramLabel = "PREFIX",
            description = "osqueryd's repository is <prefix>/osqueryd (default: ${DEFAULT-VALUE})")
    String notaryPrefix;

    @Option(names = "--notary_root", paramLabel = "FILE",
            description = "The root.json to trust for <prefix>/osqueryd; required unless --osquery_version is a "
                    + "local path (this build bundles no Kolide root)")
    Path notaryRoot;

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
            description = "Trusted TUF metadata and downloads of osqueryd (default: a new temp dir, removed after)")
    Path cacheDir;

    @Option(names = "--bin_root_dir", defaultValue = "/usr/local", paramLabel = "DIR",
            description = "Root of <id>/bin on Linux (default: ${DEFAULT-VALUE})")
    String binRootDir;

    @Spec
    CommandSpec spec;

    /** kolide/updater's cap on any metadata file; a root is far smaller. */
    private static final int MAX_ROOT_BYTES = 5 * 1024 * 1024;

    private final PackageBuilderContext context;

    /** The default --cache_dir of this run, removed once the packages are written. */
    private Path tempCache;

    public MakeCommand(PackageBuilderContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() throws IOException {
        try {
            return make();
        } finally {
            if (tempCache != null) {
                TempDirs.deleteRecursively(tempCache);
            }
        }
    }

    private Integer make() throws IOException {
        PackageOptions options;
        List<Target> chosen;
        Path out;
        try {
            chosen = targets();
            options = options(chosen);
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

    /** Checks every flag, then (last, so bad flags cost no download) finds osqueryd. */
    PackageOptions options(List<Target> chosen) {
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
        Optional<Path> localOsqueryd = isLocalPath(osqueryVersion)
                ? Optional.of(readable(localPath(osqueryVersion, "--osquery_version"), "--osquery_version"))
                : Optional.empty();
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
        Instant mtime = mtime();
        Path osqueryd = localOsqueryd.orElseGet(() -> resolveOsqueryd(chosen));
        return new PackageOptions(hostname, enrollSecret, omitSecret, identifier, insecure, insecureTransport,
                transport, certPins, pem, osqueryFlags, osqueryd, launcher, packageVersion, binRootDir, mtime);
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

    /**
     * A channel or version through Notary and the mirror. The updater's HTTPS trusts the system roots: --insecure and
     * --root_pem are the launcher's settings for its server, and must not weaken how we fetch what we package.
     */
    private Path resolveOsqueryd(List<Target> chosen) {
        Platform platform = onePlatform(chosen);
        OsquerydTargets.targetName(platform, osqueryVersion); // a bad version is a usage error, before any fetch
        OsquerydSource source = osquerydSource();
        return new OsquerydResolver(source, ClientTrust.systemRoots(), OsquerydArchive.withDefaultLimits(),
                context.err(), context.clock()).resolve(platform, osqueryVersion);
    }

    /** One osqueryd per run: a run's targets share a platform (its launcher is a jar or an .exe, not both). */
    private Platform onePlatform(List<Target> chosen) {
        Set<Platform> platforms = chosen.stream().map(Target::platform).collect(Collectors.toSet());
        if (platforms.size() != 1) {
            throw new BadInputException("--osquery_version=" + osqueryVersion + " with targets for "
                    + platforms.stream().map(Platform::id).sorted().collect(Collectors.joining(" and "))
                    + ": resolve osqueryd for one platform per run");
        }
        return platforms.iterator().next();
    }

    private OsquerydSource osquerydSource() {
        if (notaryRoot == null || notaryRoot.toString().isBlank()) {
            throw new BadInputException("--notary_root is required when --osquery_version (\"" + osqueryVersion
                    + "\") is a channel or version: the root.json to trust for " + notaryPrefix + "/osqueryd (this "
                    + "build bundles no Kolide root); or give --osquery_version a local path");
        }
        ServerUrl notary;
        ServerUrl mirror;
        String gun;
        try {
            notary = ServerUrl.parse("--notary_url", notaryUrl);
            mirror = ServerUrl.parse("--mirror_url", mirrorUrl);
            gun = TargetNames.gun(notaryPrefix, OsquerydTargets.BINARY);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        byte[] root = readRoot(context.workingDir().resolve(notaryRoot));
        return new OsquerydSource(notary, mirror, gun, root, cacheDir());
    }

    private static byte[] readRoot(Path file) {
        readable(file, "--notary_root");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_ROOT_BYTES + 1);
            if (bytes.length > MAX_ROOT_BYTES) {
                throw new BadInputException("--notary_root " + file + " is larger than " + MAX_ROOT_BYTES
                        + " bytes: not a root.json");
            }
            return bytes;
        } catch (IOException e) {
            throw new BadInputException("--notary_root " + file + ": cannot read it: " + e.getMessage(), e);
        }
    }

    private Path cacheDir() {
        if (cacheDir != null) {
            return context.workingDir().resolve(cacheDir);
        }
        try {
            tempCache = Files.createTempDirectory("package-builder-cache");
            return tempCache;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("creating a temporary --cache_dir", e);
        }
    }

    private static boolean isLocalPath(String value) {
        return value.startsWith("./") || value.startsWith("../") || value.startsWith("/") || value.startsWith("\\")
                || value.startsWith("C:") || value.startsWith("D:");
    }

    /** Kolide's rule: {@code ./}, {@code /}, {@code \}, {@code C:} and {@code D:} start a local path; we add {@code ../}. */
    private Path localPath(String value, String flag) {
        if (isLocalPath(value)) {
            return context.workingDir().resolve(value).normalize();
        }
        throw new BadInputException(flag + "=" + value + ": only local paths (starting ./, ../, /, \\, C: or D:) are "
                + "supported; launcher channels and versions are not resolved yet");
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
