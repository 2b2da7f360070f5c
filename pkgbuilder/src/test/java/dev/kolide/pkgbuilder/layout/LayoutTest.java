package dev.kolide.pkgbuilder.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.pkgbuilder.BadInputException;
import dev.kolide.pkgbuilder.Fixtures;
import dev.kolide.pkgbuilder.PackageOptions;
import dev.kolide.pkgbuilder.target.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LayoutTest {
    @TempDir
    Path dir;

    private String describe(PackageSpec spec) {
        StringBuilder out = new StringBuilder();
        for (Entry e : spec.tree().entries()) {
            out.append(String.format("%s %04o%s%n", e.path(), e.mode(), e.conffile() ? " conf" : ""));
        }
        return out.toString();
    }

    @Test
    void systemdDebIsKolidesLayout() throws Exception {
        PackageSpec spec = new Layout().plan(new Fixtures(dir).options(false), Target.parse("linux-systemd-deb"));
        assertThat(spec.name()).isEqualTo("launcher-kolide-k2");
        assertThat(spec.replaces()).containsExactly("launcher");
        assertThat(describe(spec)).isEqualTo("""
                /etc/kolide-k2 0755
                /etc/kolide-k2/launcher.flags 0644 conf
                /etc/kolide-k2/roots.pem 0600 conf
                /etc/kolide-k2/secret 0600 conf
                /lib/systemd/system/launcher.kolide-k2.service 0644
                /usr/local/kolide-k2 0755
                /usr/local/kolide-k2/bin 0755
                /usr/local/kolide-k2/bin/launcher 0755
                /usr/local/kolide-k2/bin/osqueryd 0755
                /usr/share/doc/launcher-kolide-k2/copyright 0644
                /usr/share/lintian/overrides/launcher-kolide-k2 0644
                /var/kolide-k2 0755
                /var/kolide-k2/fleet.example.com-8080 0700
                """);
        assertThat(spec.scripts().postinstall()).hasValueSatisfying(s -> assertThat(s)
                .contains("systemctl enable launcher.kolide-k2.service", "/etc/kolide-k2/installer-info.json"));
        assertThat(spec.scripts().prerm()).hasValueSatisfying(s -> assertThat(s).contains("remove|0)",
                "systemctl stop launcher.kolide-k2.service"));
    }

    @ParameterizedTest
    @CsvSource({
        "linux-systemd-rpm, /usr/lib/systemd/system/launcher.kolide-k2.service, true",
        "linux-init-deb, /etc/init.d/kolide-k2-launcher, true",
        "linux-init-rpm, /etc/init.d/kolide-k2-launcher, true",
        "linux-systemd-tar, /usr/lib/systemd/system/launcher.kolide-k2.service, false",
    })
    void serviceDefinitionAndScriptsPerTarget(String target, String servicePath, boolean scripts) throws Exception {
        PackageSpec spec = new Layout().plan(new Fixtures(dir).options(false), Target.parse(target));
        assertThat(spec.tree().get(servicePath)).isPresent();
        assertThat(spec.scripts().postinstall().isPresent()).isEqualTo(scripts);
        assertThat(spec.tree().get("/usr/share/doc/launcher-kolide-k2/copyright").isPresent())
                .isEqualTo(target.endsWith("deb"));
    }

    @Test
    void theJarLauncherGetsTheShellStubInFront() throws Exception {
        PackageSpec spec = new Layout().plan(new Fixtures(dir).options(false), Target.parse("linux-systemd-deb"));
        Entry launcher = spec.tree().get("/usr/local/kolide-k2/bin/launcher").orElseThrow();
        byte[] bytes;
        try (var in = launcher.content().open()) {
            bytes = in.readAllBytes();
        }
        String head = new String(bytes, 0, 40, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(head).startsWith("#!/bin/sh\n");
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("-jar \"$0\"", "PK\u0003\u0004");
        // the JVM options the Makefile's build/launcher has too (cmd/src/launch/agent-jvm.options)
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("exec \"$java\" -XX:+UseSerialGC -Xms8m -Xmx64m ")
                .contains("-Dio.grpc.netty.shaded.io.netty.allocator.type=unpooled $JAVA_OPTS -jar")
                .doesNotContain("@JVM_OPTS@", "# A small heap");
    }

    @Test
    void theStubTakesTheOptionLinesOfTheOptionsFileAndLeavesItsCommentsOut() {
        byte[] stub = Layout.launcherStub("exec java @JVM_OPTS@ -jar x\n",
                "# why\n-Xmx64m -Xss256k\n  # more why\n\n -Dk=v\n");

        assertThat(new String(stub, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "exec java -Xmx64m -Xss256k -Dk=v -jar x\n");
    }

    @Test
    void omitSecretLeavesTheFileOut() throws Exception {
        Fixtures f = new Fixtures(dir);
        PackageOptions options = new PackageOptions("fleet", "x", true, "launcher", false, false, "", "",
                Optional.empty(), List.of(), f.osqueryd(), f.launcherJar(), "1", "/opt", Fixtures.EPOCH);
        PackageSpec spec = new Layout().plan(options, Target.parse("linux-systemd-rpm"));
        assertThat(spec.tree().get("/etc/launcher/secret")).isEmpty();
        assertThat(spec.tree().get("/etc/launcher/roots.pem")).isEmpty();
        assertThat(spec.tree().get("/opt/launcher/bin/launcher")).isPresent();
    }

    @Test
    void msiNeedsAWindowsExecutableAndLinuxRefusesOne() throws Exception {
        Fixtures f = new Fixtures(dir);
        assertThatThrownBy(() -> new Layout().plan(f.options(false), Target.parse("windows-service-msi")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not a Windows executable");
        assertThatThrownBy(() -> new Layout().plan(f.options(true), Target.parse("linux-systemd-deb")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is a Windows executable");
        PackageSpec msi = new Layout().plan(f.options(true), Target.parse("windows-service-msi"));
        assertThat(msi.service()).hasValueSatisfying(s -> {
            assertThat(s.name()).isEqualTo("LauncherKolideK2Svc");
            assertThat(s.arguments()).isEqualTo("--config \"C:\\Program Files\\Kolide\\Launcher-kolide-k2\\conf\\launcher.flags\"");
        });
    }
}
