package dev.kolide.cmd.packagebuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as users run it: {@code list-targets}, then {@code make} for every listed target into a
 * temporary directory, then the validators on what it wrote. Missing tools skip locally and fail under CI.
 */
class PackageBuilderMakeIT {
    private static final Path JAR = Path.of("target", "package-builder.jar").toAbsolutePath();
    private static final Path RPMLINT_CONFIG = Path.of("../../pkgbuilder/rpmlint.toml").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    @BeforeEach
    void inputs() throws IOException {
        Files.writeString(dir.resolve("osqueryd"), "#!/bin/sh\necho osqueryd stand-in\n");
        Files.writeString(dir.resolve("roots.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("launcher.exe"), "MZ stand-in");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve("launcher.jar")), manifest)) {
            jar.flush();
        }
    }

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(n -> n.startsWith("KOLIDE_") || n.equals("HOSTNAME")
                || n.equals("TARGETS") || n.equals("OUTPUT_DIR"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 2 minutes");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void require(String... tools) {
        for (String tool : tools) {
            boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                    .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
            if (!found) {
                String ci = System.getenv("CI");
                if (ci != null && !ci.isEmpty()) {
                    fail(tool + " is not installed, and CI is set");
                }
                assumeTrue(false, tool + " is not installed");
            }
        }
    }

    private Result tool(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output, "");
    }

    private List<String> listTargets() throws Exception {
        Result r = run(Map.of(), "list-targets");
        assertThat(r.code()).as(r.err()).isZero();
        return r.out().lines().toList();
    }

    @Test
    void makesEveryListedTargetAndTheValidatorsAcceptThem() throws Exception {
        require("dpkg-deb", "lintian", "rpm", "rpmlint", "tar", "wixl", "msiinfo", "msiextract");
        List<String> targets = listTargets();
        assertThat(targets).contains("linux-systemd-deb", "linux-systemd-rpm", "linux-init-deb", "linux-init-rpm",
                "linux-systemd-tar", "windows-service-msi");
        Path out = dir.resolve("out");
        List<String> linux = targets.stream().filter(t -> t.startsWith("linux-")).toList();
        List<String> windows = targets.stream().filter(t -> t.startsWith("windows-")).toList();
        Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", "1700000000");
        List<String> common = List.of("make", "-hostname=fleet.example.com:8080", "-enroll_secret=s3cret",
                "-root_pem=./roots.pem", "-cert_pins=0a1b", "-osquery_version=./osqueryd", "-package_version=1.2.3",
                "-output_dir=" + out);
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of("-launcher_version=./launcher.jar", "-targets=" + String.join(",", linux)));
        Result made = run(env, args.toArray(String[]::new));
        assertThat(made.code()).as(made.err()).isZero();
        args = new ArrayList<>(common);
        args.addAll(List.of("-launcher_version=./launcher.exe", "-targets=" + String.join(",", windows)));
        Result madeMsi = run(env, args.toArray(String[]::new));
        assertThat(madeMsi.code()).as(madeMsi.err()).isZero();
        List<Path> packages = Stream.concat(made.out().lines(), madeMsi.out().lines()).map(Path::of).toList();
        assertThat(packages).hasSize(targets.size()).allSatisfy(p -> assertThat(p).isRegularFile());
        assertThat(made.err().lines().filter(l -> l.startsWith("package-builder: built "))).hasSize(linux.size());

        for (Path p : packages) {
            String name = p.getFileName().toString();
            if (name.endsWith(".deb")) {
                assertThat(tool("dpkg-deb", "--info", p.toString()).out()).contains("Package: launcher-launcher");
                assertThat(tool("dpkg-deb", "--contents", p.toString()).out())
                        .contains("-rw------- root/root", "./etc/launcher/secret");
                Result lintian = tool("lintian", "--allow-root", p.toString());
                assertThat(lintian.code()).as(lintian.out()).isZero();
                assertThat(lintian.out().lines().filter(l -> l.matches("^[EW]: .*"))).as(lintian.out()).isEmpty();
            } else if (name.endsWith(".rpm")) {
                assertThat(tool("rpm", "-K", p.toString()).out()).contains("digests OK");
                assertThat(tool("rpm", "-qp", "--configfiles", p.toString()).out()).contains("/etc/launcher/secret");
                Result rpmlint = tool("rpmlint", "-c", RPMLINT_CONFIG.toString(), p.toString());
                assertThat(rpmlint.code()).as(rpmlint.out()).isZero();
            } else if (name.endsWith(".tar")) {
                assertThat(tool("tar", "-tvf", p.toString()).out()).contains("./usr/local/launcher/bin/launcher");
            } else if (name.endsWith(".msi")) {
                assertThat(tool("msiinfo", "export", p.toString(), "ServiceInstall").out()).contains("LauncherLauncherSvc");
                assertThat(tool("msiextract", "-C", dir.resolve("msi").toString(), p.toString()).out())
                        .contains("Kolide/Launcher-launcher/bin/launcher.exe");
            } else {
                fail("unexpected output " + p);
            }
        }

        // the same inputs and SOURCE_DATE_EPOCH again: byte-identical deb, rpm and tar
        Path again = dir.resolve("again");
        args = new ArrayList<>(common);
        args.removeIf(a -> a.startsWith("-output_dir="));
        args.addAll(List.of("-output_dir=" + again, "-launcher_version=./launcher.jar", "-targets=" + String.join(",", linux)));
        assertThat(run(env, args.toArray(String[]::new)).code()).isZero();
        for (String target : linux) {
            String file = "launcher." + target + "." + target.substring(target.lastIndexOf('-') + 1);
            assertThat(Files.mismatch(out.resolve(file), again.resolve(file))).as(file).isEqualTo(-1L);
        }
    }

    /**
     * The real launcher (when cmd/launcher was built in this checkout) accepts the flags file a package carries:
     * it refuses a flag file with a flag it does not know, even with --help.
     */
    @Test
    void theBuiltLauncherAcceptsThePackagedFlagsFile() throws Exception {
        Path launcherJar = Path.of("../launcher/target/launcher.jar").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(launcherJar), "cmd/launcher not built in this checkout");
        require("tar");
        Path out = dir.resolve("real");
        Result made = run(Map.of(), "make", "-hostname=fleet.example.com:8080", "-enroll_secret=s3cret",
                "-root_pem=./roots.pem", "-cert_pins=0a1b", "-transport=jsonrpc", "-insecure",
                "-osquery_flag=config_refresh=60", "-osquery_version=./osqueryd", "-launcher_version=" + launcherJar,
                "-package_version=1.2.3", "-targets=linux-systemd-tar", "-output_dir=" + out);
        assertThat(made.code()).as(made.err()).isZero();
        Path root = Files.createDirectories(dir.resolve("root"));
        assertThat(tool("tar", "-xf", out.resolve("launcher.linux-systemd-tar.tar").toString(), "-C", root.toString())
                .code()).isZero();
        Result help = tool(root.resolve("usr/local/launcher/bin/launcher").toString(), "--config",
                root.resolve("etc/launcher/launcher.flags").toString(), "--help");
        assertThat(help.code()).as(help.out()).isZero();
        assertThat(help.out()).contains("Usage: launcher");
    }

    @Test
    void badInputExitsTwoAndWritesNothing() throws Exception {
        Path out = dir.resolve("bad");
        Result r = run(Map.of(), "make", "-osquery_version=./osqueryd", "-launcher_version=./launcher.jar",
                "-package_version=1", "-output_dir=" + out);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--hostname is required");
        assertThat(out).doesNotExist();
    }
}
