package dev.kolide.pkgbuilder.layout;

import static java.util.Objects.requireNonNull;

import dev.kolide.pkgbuilder.BadInputException;
import dev.kolide.pkgbuilder.PackageOptions;
import dev.kolide.pkgbuilder.flags.LauncherFlagsFile;
import dev.kolide.pkgbuilder.init.Scripts;
import dev.kolide.pkgbuilder.init.systemd.SystemdUnit;
import dev.kolide.pkgbuilder.init.sysv.SysvInitScript;
import dev.kolide.pkgbuilder.init.windows.WindowsService;
import dev.kolide.pkgbuilder.target.Init;
import dev.kolide.pkgbuilder.target.PackageType;
import dev.kolide.pkgbuilder.target.Platform;
import dev.kolide.pkgbuilder.target.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides what goes where for one target (Kolide's layout, reference §A.3): binaries under
 * {@code <bin_root>/<id>/bin}, {@code /etc/<id>/{launcher.flags,secret,roots.pem}}, the root directory
 * {@code /var/<id>/<host>}, the service definition for the init system, and for deb the copyright and lintian
 * overrides. MSI paths start with the Windows folder's WiX id ({@code /ProgramFiles64Folder/...}).
 */
public final class Layout {
    /** The directory of the MSI's program files and of its data, as WiX folder ids. */
    public static final String MSI_PROGRAM_FILES = "/ProgramFiles64Folder";
    public static final String MSI_PROGRAM_DATA = "/CommonAppDataFolder";

    private final byte[] launcherStub;
    private final byte[] copyright;

    public Layout() {
        this.launcherStub = launcherStub(new String(resource("launcher-stub.sh"), StandardCharsets.UTF_8),
                new String(resource("agent-jvm.options"), StandardCharsets.UTF_8));
        this.copyright = resource("copyright");
    }

    /** The stub with the launcher's JVM options (the lines of {@code agent-jvm.options} that start with "-"). */
    static byte[] launcherStub(String stub, String options) {
        String jvm = options.lines().map(String::strip).filter(line -> line.startsWith("-"))
                .collect(Collectors.joining(" "));
        return stub.replace("@JVM_OPTS@", jvm).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        try (InputStream in = Layout.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading resource " + name, e);
        }
    }

    public PackageSpec plan(PackageOptions options, Target target) {
        requireNonNull(options, "options is null");
        requireNonNull(target, "target is null");
        String id = options.identifier();
        String name = "launcher-" + id;
        String summary = "Kolide Launcher (" + id + ") with osqueryd";
        // two short lines: deb descriptions wrap at 80 columns and the hostname can be long
        String description = "The osquery launcher and osqueryd, set up to enroll with\n"
                + options.hostname() + ".";
        if (target.platform() == Platform.WINDOWS) {
            return windows(options, target, name, summary, description);
        }
        InstallPaths paths = InstallPaths.posix(options.binRootDir(), id, options.hostname());
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.directory(options.binRootDir() + "/" + id, 0755));
        entries.add(Entry.directory(paths.binDir(), 0755));
        entries.add(Entry.file(paths.launcher(), 0755, posixLauncher(options)));
        entries.add(Entry.file(paths.osqueryd(), 0755, new Content.LocalFile(options.osqueryd())));
        entries.add(Entry.directory(paths.confDir(), 0755));
        entries.add(Entry.conffile(paths.flagsFile(), 0644, Content.of(LauncherFlagsFile.render(options, paths))));
        if (!options.omitSecret()) {
            entries.add(Entry.conffile(paths.secretFile(), 0600, Content.of(options.enrollSecret())));
        }
        options.rootPem().ifPresent(pem ->
                entries.add(Entry.conffile(paths.rootsPem(), 0600, new Content.LocalFile(pem))));
        entries.add(Entry.directory("/var/" + id, 0755));
        // launcher.db, osquery's database and the extension socket: not for other users
        entries.add(Entry.directory(paths.rootDir(), 0700));
        Scripts scripts;
        switch (target.init()) {
            case SYSTEMD -> {
                // Debian (bookworm) keeps units in /lib; rpm distributions and plain tarballs in /usr/lib
                String unitDir = target.packageType() == PackageType.DEB ? "/lib/systemd/system" : "/usr/lib/systemd/system";
                entries.add(Entry.file(unitDir + "/" + SystemdUnit.unitName(id), 0644,
                        Content.of(SystemdUnit.render(id, paths))));
                scripts = Scripts.systemd(id, paths.confDir(), options.packageVersion());
            }
            case INIT -> {
                entries.add(Entry.conffile("/etc/init.d/" + SysvInitScript.serviceName(id), 0755,
                        Content.of(SysvInitScript.render(id, paths))));
                scripts = Scripts.sysv(id, paths.confDir(), options.packageVersion());
            }
            default -> throw new BadInputException("init " + target.init().id() + " is not built here");
        }
        if (target.packageType() == PackageType.TAR) {
            scripts = Scripts.none(); // a tarball runs nothing; docs/package-builder.md says what to run by hand
        }
        if (target.packageType() == PackageType.DEB) {
            entries.add(Entry.file("/usr/share/doc/" + name + "/copyright", 0644, new Content.Bytes(copyright)));
            entries.add(Entry.file("/usr/share/lintian/overrides/" + name, 0644,
                    Content.of(LintianOverrides.render(name, target.init(), paths))));
        }
        return new PackageSpec(target, name, id, options.packageVersion(), summary, description,
                PackageTree.of(entries), scripts, List.of("launcher"), Optional.empty(), options.mtime());
    }

    private Content posixLauncher(PackageOptions options) {
        LauncherFile kind = LauncherFile.detect(options.launcher());
        return switch (kind) {
            case JAR -> new Content.Prefixed(launcherStub, options.launcher());
            case SCRIPT -> new Content.LocalFile(options.launcher());
            case WINDOWS_EXE -> throw new BadInputException("--launcher_version: " + options.launcher()
                    + " is a Windows executable; Linux packages need launcher.jar or build/launcher");
        };
    }

    private PackageSpec windows(PackageOptions options, Target target, String name, String summary,
            String description) {
        if (target.init() != Init.SERVICE || target.packageType() != PackageType.MSI) {
            throw new BadInputException("target " + target + " is not built here; Windows means windows-service-msi");
        }
        if (LauncherFile.detect(options.launcher()) != LauncherFile.WINDOWS_EXE) {
            throw new BadInputException("--launcher_version: " + options.launcher() + " is not a Windows executable; "
                    + "windows-service-msi installs launcher.exe as a Windows service, which must be an .exe (for "
                    + "this JVM launcher: a jpackage image or a service wrapper such as WinSW around launcher.jar)");
        }
        String id = options.identifier();
        InstallPaths paths = InstallPaths.windows(id);
        String base = MSI_PROGRAM_FILES + "/Kolide/Launcher-" + id;
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.file(base + "/bin/launcher.exe", 0755, new Content.LocalFile(options.launcher())));
        entries.add(Entry.file(base + "/bin/osqueryd.exe", 0755, new Content.LocalFile(options.osqueryd())));
        entries.add(Entry.conffile(base + "/conf/launcher.flags", 0644,
                Content.of(LauncherFlagsFile.render(options, paths))));
        if (!options.omitSecret()) {
            entries.add(Entry.conffile(base + "/conf/secret", 0600, Content.of(options.enrollSecret())));
        }
        options.rootPem().ifPresent(pem ->
                entries.add(Entry.conffile(base + "/conf/roots.pem", 0600, new Content.LocalFile(pem))));
        entries.add(Entry.directory(MSI_PROGRAM_DATA + "/Kolide/Launcher-" + id + "/data", 0700));
        return new PackageSpec(target, name, id, options.packageVersion(), summary, description,
                PackageTree.of(entries), Scripts.none(), List.of(), Optional.of(WindowsService.of(id, paths)),
                options.mtime());
    }
}
