package dev.kolide.pkgbuilder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.version.BuildInfo;
import dev.kolide.pkgbuilder.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MakeCommandTest {
    @TempDir
    Path dir;

    private Path out;
    private Fixtures fixtures;

    private record Result(int code, String out, String err) {}

    @BeforeEach
    void inputs() throws IOException {
        out = dir.resolve("out");
        fixtures = new Fixtures(Files.createDirectories(dir.resolve("in")));
        fixtures.osqueryd();
        fixtures.launcherJar();
        fixtures.rootPem();
        fixtures.launcherExe();
    }

    private Result run(Map<String, String> env, String... args) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        Map<String, String> all = KolideEnv.withKolideNames(env);
        BuildInfo build = BuildInfo.unknown("package-builder");
        PrintWriter o = new PrintWriter(stdout, true);
        PrintWriter e = new PrintWriter(stderr, true);
        Program program = new Program(build, KolideEnv.PREFIX, all, o, e, new ObjectMapper());
        PackageBuilderContext context = new PackageBuilderContext(build, Clock.systemUTC(), all, o, e,
                Optional.empty(), dir);
        int code = program.run(new PackageBuilderCommand(), context, args);
        return new Result(code, stdout.toString(), stderr.toString());
    }

    /** {@code make} with working flags; a flag in {@code extra} replaces the one of the same name. */
    private List<String> make(String... extra) {
        List<String> args = new ArrayList<>(List.of("make", "-hostname=fleet.example.com", "-enroll_secret=s3cret",
                "-osquery_version=./in/osqueryd", "-launcher_version=./in/launcher.jar", "-package_version=1.2.3",
                "-output_dir=" + out));
        for (String flag : extra) {
            String name = flag.substring(0, flag.indexOf('=') + 1);
            args.removeIf(a -> a.startsWith(name));
            args.add(flag);
        }
        return args;
    }

    private List<String> outputFiles() throws IOException {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void makesEveryLinuxTargetAndPrintsThePaths() throws Exception {
        Result r = run(Map.of(), make("-targets=linux-systemd-deb,linux-systemd-rpm,linux-init-deb,linux-init-rpm,"
                + "linux-systemd-tar").toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(out.resolve("launcher.linux-systemd-deb.deb").toString(),
                out.resolve("launcher.linux-systemd-rpm.rpm").toString(),
                out.resolve("launcher.linux-init-deb.deb").toString(),
                out.resolve("launcher.linux-init-rpm.rpm").toString(),
                out.resolve("launcher.linux-systemd-tar.tar").toString());
        assertThat(r.err()).contains("package-builder: building linux-systemd-deb ...",
                "package-builder: built linux-systemd-tar in ");
        assertThat(outputFiles()).hasSize(5);
    }

    @Test
    void defaultTargetsAreKolidesLinuxOnes() throws Exception {
        Result r = run(Map.of(), make().toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(outputFiles()).containsExactly("launcher.linux-systemd-deb.deb", "launcher.linux-systemd-rpm.rpm");
    }

    @Test
    void flagsComeFromKolidesBareVariablesAndOursWin() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("HOSTNAME", "bare.example.com", "OSQUERY_VERSION",
                "./in/osqueryd", "LAUNCHER_VERSION", "./in/launcher.jar", "PACKAGE_VERSION", "2.0",
                "TARGETS", "linux-systemd-tar", "OUTPUT_DIR", out.toString()));
        Result r = run(env, "make");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(out.resolve("launcher.linux-systemd-tar.tar").toString());
        env.put("KOLIDE_PACKAGE_BUILDER_TARGETS", "linux-init-rpm");
        r = run(env, "make");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).endsWith("launcher.linux-init-rpm.rpm");
    }

    @Test
    void sourceDateEpochMakesTheCommandReproducible() throws Exception {
        Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", "1700000000");
        assertThat(run(env, make("-targets=linux-systemd-deb").toArray(String[]::new)).code()).isZero();
        byte[] first = Files.readAllBytes(out.resolve("launcher.linux-systemd-deb.deb"));
        Thread.sleep(1100);
        assertThat(run(env, make("-targets=linux-systemd-deb").toArray(String[]::new)).code()).isZero();
        assertThat(Files.readAllBytes(out.resolve("launcher.linux-systemd-deb.deb"))).isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing hostname | -hostname= | --hostname is required",
        "pins not hex | -cert_pins=abcd,xyz | --cert_pins: \"xyz\" is not hex",
        "empty pin | -cert_pins=abcd, | --cert_pins: \"\" is not hex",
        "unknown target | -targets=linux-systemd-apk | unknown package \"apk\"",
        "target not built here | -targets=linux-systemd-deb,darwin-launchd-pkg | not built here",
        "missing osqueryd | -osquery_version=./in/nope | --osquery_version: ",
        "osqueryd is a directory | -osquery_version=./in | is not a readable file",
        "osquery channel without a root | -osquery_version=stable | --notary_root is required",
        "osquery version without a root | -osquery_version=5.12.1 | --notary_root is required",
        "osquery version not a name | -osquery_version=5.1/x | not a local path",
        "missing notary root | -osquery_version=beta -notary_root=./in/nope.json | --notary_root: ",
        "notary over plain http | -osquery_version=nightly -notary_root=./in/roots.pem -notary_url=http://n.example | --notary_url",
        "two platforms | -osquery_version=stable -notary_root=./in/roots.pem -targets=linux-systemd-deb,windows-service-msi | one platform per run",
        "launcher version | -launcher_version=1.4.5 | only local paths",
        "missing root_pem | -root_pem=./in/nope.pem | --root_pem: ",
        "update channel | -update_channel=stable | no autoupdate yet",
        "bad transport | -transport=carrier-pigeon | --transport",
        "bad version | -package_version=v1 | --package_version \"v1\"",
        "msi from a jar | -targets=linux-systemd-deb,windows-service-msi | not a Windows executable",
        "linux from an exe | -launcher_version=./in/launcher.exe | is a Windows executable",
        "bad identifier | -identifier=Kolide K2 | --identifier",
    })
    void badInputExitsTwoAndLeavesNothing(String what, String flag, String message) throws Exception {
        Result r = run(Map.of(), make(flag.split(" (?=-)")).toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(r.out()).isEmpty();
        assertThat(outputFiles()).isEmpty();
    }

    @Test
    void msiWithoutWixlNamesTheToolAndWritesNothing() throws Exception {
        Result r = run(Map.of("PATH", dir.resolve("empty").toString()), make("-launcher_version=./in/launcher.exe",
                "-targets=windows-service-msi").toArray(String[]::new));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("needs wixl on PATH", "apt-get install wixl");
        assertThat(outputFiles()).isEmpty();
    }

    @Test
    void listTargets() {
        Result r = run(Map.of(), "list-targets");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).containsExactly("linux-systemd-deb", "linux-systemd-rpm", "linux-init-deb",
                "linux-init-rpm", "linux-systemd-tar", "windows-service-msi");
    }

    @Test
    void noModeIsUsage() {
        assertThat(run(Map.of()).code()).isEqualTo(2);
    }
}
