package dev.kolide.pkgbuilder.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.pkgbuilder.Fixtures;
import dev.kolide.pkgbuilder.PackageOptions;
import dev.kolide.pkgbuilder.Tools;
import dev.kolide.pkgbuilder.layout.Entry;
import dev.kolide.pkgbuilder.layout.Layout;
import dev.kolide.pkgbuilder.layout.PackageSpec;
import dev.kolide.pkgbuilder.target.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every target built once, then taken apart by the real tools: dpkg-deb, lintian, rpm, rpmlint, rpm2cpio/cpio,
 * tar, msiinfo, msiextract and systemd-analyze. Missing tools skip locally and fail under CI ({@link Tools}).
 */
class PackageValidationTest {
    /** The rpmlint configuration users get too (module root); its filters say why each finding is intended. */
    private static final Path RPMLINT_CONFIG = Path.of("rpmlint.toml").toAbsolutePath();

    @TempDir
    Path dir;

    private PackageOptions options;

    @BeforeEach
    void fixtures() throws IOException {
        options = new Fixtures(Files.createDirectories(dir.resolve("in"))).options(false);
    }

    private PackageSpec spec(String target) {
        return new Layout().plan(options, Target.parse(target));
    }

    private Path build(String target) throws IOException {
        return Built.build(options, Target.parse(target), dir.resolve("out-" + target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux-systemd-deb", "linux-init-deb"})
    void debInfoContentsAndLintian(String target) throws Exception {
        Tools.require("dpkg-deb", "lintian");
        Path deb = build(target);
        Path work = deb.getParent();
        String info = Tools.run(work, "dpkg-deb", "--info", deb.toString()).ok();
        assertThat(info).contains(" Package: launcher-kolide-k2\n", " Version: 1.2.3\n", " Architecture: amd64\n",
                " Depends: openjdk-17-jre-headless | java17-runtime-headless\n", " Conflicts: launcher\n",
                " Replaces: launcher\n", " postinst ", " prerm ", " conffiles ", " md5sums ");
        String contents = Tools.run(work, "dpkg-deb", "--contents", deb.toString()).ok();
        List<String> listed = contents.lines().map(PackageValidationTest::modeOwnerPath).toList();
        assertThat(listed).containsExactlyElementsOf(Built.listing(spec(target)));
        String conffiles = Tools.run(work, "dpkg-deb", "--ctrl-tarfile", deb.toString()).exitCode() == 0
                ? Tools.sh(work, "dpkg-deb --ctrl-tarfile " + deb + " | tar -xOf - ./conffiles").ok() : "";
        assertThat(conffiles.lines()).containsExactlyElementsOf(
                spec(target).tree().conffiles().stream().map(Entry::path).toList());

        Tools.Result lintian = Tools.run(work, "lintian", "--allow-root", deb.toString());
        System.out.println("lintian " + target + ": exit " + lintian.exitCode() + "\n" + lintian.output());
        assertThat(lintian.exitCode()).as(lintian.output()).isZero();
        assertThat(lintian.output().lines().filter(l -> l.matches("^[EW]: .*"))).as(lintian.output()).isEmpty();

        Path root = Files.createDirectories(work.resolve("x"));
        Tools.run(work, "dpkg-deb", "-x", deb.toString(), root.toString()).ok();
        assertExtracted(root, spec(target), true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux-systemd-rpm", "linux-init-rpm"})
    void rpmQueriesDigestsRpmlintAndPayload(String target) throws Exception {
        Tools.require("rpm", "rpmlint", "rpm2cpio", "cpio");
        Path rpm = build(target);
        Path work = rpm.getParent();
        String info = Tools.run(work, "rpm", "-qpi", rpm.toString()).ok();
        assertThat(info).containsPattern("Name\\s+: launcher-kolide-k2").containsPattern("Version\\s+: 1.2.3")
                .containsPattern("Release\\s+: 1").containsPattern("Architecture: x86_64")
                .containsPattern("Build Host\\s+: package-builder");
        PackageSpec spec = spec(target);
        List<String> expected = spec.tree().entries().stream()
                .map(e -> Built.modeString(e) + " root root " + e.path()).toList();
        List<String> listed = Tools.run(work, "rpm", "-qplv", rpm.toString()).ok().lines()
                .map(l -> l.split("\\s+")).map(f -> f[0] + " " + f[2] + " " + f[3] + " " + f[f.length - 1]).toList();
        assertThat(listed).containsExactlyElementsOf(expected);
        String scripts = Tools.run(work, "rpm", "-qp", "--scripts", rpm.toString()).ok();
        assertThat(scripts).contains("postinstall scriptlet (using /bin/sh)", "preuninstall scriptlet (using /bin/sh)",
                "installer-info.json");
        List<String> config = Tools.run(work, "rpm", "-qp", "--configfiles", rpm.toString()).ok().lines().toList();
        assertThat(config).containsExactly("/etc/kolide-k2/launcher.flags", "/etc/kolide-k2/roots.pem",
                "/etc/kolide-k2/secret");
        assertThat(Tools.run(work, "rpm", "-qp", "--requires", rpm.toString()).ok()).contains("jre-headless >= 17");
        assertThat(Tools.run(work, "rpm", "-qp", "--conflicts", rpm.toString()).ok().strip()).isEqualTo("launcher");
        assertThat(Tools.run(work, "rpm", "-qp", "--obsoletes", rpm.toString()).ok().strip()).isEqualTo("launcher");
        assertThat(Tools.run(work, "rpm", "-K", rpm.toString()).ok()).contains("digests OK");

        Tools.Result rpmlint = Tools.run(work, "rpmlint", "-c", RPMLINT_CONFIG.toString(), rpm.toString());
        System.out.println("rpmlint " + target + ": exit " + rpmlint.exitCode() + "\n" + rpmlint.output());
        assertThat(rpmlint.exitCode()).as(rpmlint.output()).isZero();
        assertThat(rpmlint.output()).contains("0 errors, 0 warnings");

        Path root = Files.createDirectories(work.resolve("x"));
        Tools.sh(root, "rpm2cpio " + rpm + " | cpio -idm --quiet").ok();
        assertExtracted(root, spec, false);
    }

    @Test
    void tarListsEveryPathWithModeAndOwner() throws Exception {
        Tools.require("tar");
        Path tar = build("linux-systemd-tar");
        Path work = tar.getParent();
        List<String> listed = Tools.run(work, "tar", "-tvf", tar.toString()).ok().lines()
                .map(PackageValidationTest::modeOwnerPath).toList();
        assertThat(listed).containsExactlyElementsOf(Built.listing(spec("linux-systemd-tar")));
        Path root = Files.createDirectories(work.resolve("x"));
        Tools.run(work, "tar", "-xpf", tar.toString(), "-C", root.toString()).ok();
        assertExtracted(root, spec("linux-systemd-tar"), true);
    }

    @Test
    void systemdUnitVerifies() throws Exception {
        Tools.require("dpkg-deb", "systemd-analyze");
        Path deb = build("linux-systemd-deb");
        Path root = Files.createDirectories(deb.getParent().resolve("root"));
        Tools.run(root, "dpkg-deb", "-x", deb.toString(), root.toString()).ok();
        // the unit's default dependencies (sysinit.target, ...) come from the host's units
        Tools.sh(root, "cp -n /lib/systemd/system/*.target /lib/systemd/system/*.slice lib/systemd/system/ 2>/dev/null; true").ok();
        Tools.Result verify = Tools.run(root, "systemd-analyze", "--root=" + root, "verify",
                "/lib/systemd/system/launcher.kolide-k2.service");
        System.out.println("systemd-analyze verify: exit " + verify.exitCode() + "\n" + verify.output());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).as("warnings").isBlank();
    }

    @Test
    void msiTablesAndExtraction() throws Exception {
        Tools.require("wixl", "msiinfo", "msiextract");
        PackageOptions windows = new Fixtures(dir.resolve("in")).options(true);
        Path msi = Built.build(windows, Target.parse("windows-service-msi"), dir.resolve("out-msi"));
        Path work = msi.getParent();
        String files = Tools.run(work, "msiinfo", "export", msi.toString(), "File").ok();
        assertThat(files).contains("\tlauncher.exe\t", "\tosqueryd.exe\t", "\tlauncher.flags\t", "\tsecret\t",
                "\troots.pem\t");
        String service = Tools.run(work, "msiinfo", "export", msi.toString(), "ServiceInstall").ok();
        System.out.println("msiinfo export ServiceInstall:\n" + service);
        assertThat(service).contains("LauncherKolideK2Svc", "LocalSystem", "Dnscache",
                "--config \"C:\\Program Files\\Kolide\\Launcher-kolide-k2\\conf\\launcher.flags\"");
        String property = Tools.run(work, "msiinfo", "export", msi.toString(), "Property").ok();
        assertThat(property).contains("ProductVersion\t1.2.3", "Manufacturer\tKolide", "UpgradeCode\t{",
                "ProductCode\t{");
        Path out = Files.createDirectories(work.resolve("x"));
        String extracted = Tools.run(work, "msiextract", "-C", out.toString(), msi.toString()).ok();
        assertThat(extracted.lines()).contains("Kolide/Launcher-kolide-k2/bin/launcher.exe",
                "Kolide/Launcher-kolide-k2/bin/osqueryd.exe", "Kolide/Launcher-kolide-k2/conf/launcher.flags",
                "Kolide/Launcher-kolide-k2/conf/secret", "Kolide/Launcher-kolide-k2/conf/roots.pem");
        assertThat(out.resolve("Kolide/Launcher-kolide-k2/conf/secret")).hasContent("s3cret");
        assertThat(out.resolve("Kolide/Launcher-kolide-k2/conf/launcher.flags"))
                .content().contains("osqueryd_path C:\\Program Files\\Kolide\\Launcher-kolide-k2\\bin\\osqueryd.exe");
    }

    /** Every entry is in the extracted tree with its mode, owned by root when we could chown (running as root). */
    private void assertExtracted(Path root, PackageSpec spec, boolean withParents) throws IOException {
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        List<Entry> entries = withParents ? spec.tree().withParents().entries() : spec.tree().entries();
        for (Entry entry : entries) {
            Path path = root.resolve(entry.path().substring(1));
            assertThat(path).as(entry.path()).exists();
            assertThat(Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).as(entry.path()).isEqualTo(entry.isDirectory());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)))
                    .as(entry.path()).isEqualTo(Built.permissions(entry.mode()));
            if (asRoot) {
                assertThat(Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(entry.path()).isEqualTo(0);
                assertThat(Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS)).as(entry.path()).isEqualTo(0);
            }
            if (!entry.isDirectory()) {
                try (InputStream in = entry.content().open()) {
                    assertThat(Files.readAllBytes(path)).as(entry.path()).isEqualTo(in.readAllBytes());
                }
                assertThat(Files.getLastModifiedTime(path).toInstant()).as(entry.path()).isEqualTo(spec.mtime());
            }
        }
        assertThat(root.resolve("etc/kolide-k2/secret")).hasContent("s3cret");
        String flags = Files.readString(root.resolve("etc/kolide-k2/launcher.flags"), StandardCharsets.UTF_8);
        assertThat(flags).startsWith("hostname fleet.example.com:8080\n");
    }

    /** "drwxr-xr-x root/root 0 2023-11-14 22:13 ./etc/" → "drwxr-xr-x root/root ./etc/" (dpkg-deb and tar -tv). */
    private static String modeOwnerPath(String line) {
        String[] f = line.strip().split("\\s+");
        List<String> fields = new ArrayList<>(Arrays.asList(f));
        return fields.get(0) + " " + fields.get(1) + " " + fields.get(fields.size() - 1);
    }
}
