package dev.kolide.kit.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlagFileTest {
    @TempDir
    Path dir;

    @Test
    void readsKolideStyleLines() throws Exception {
        Path file = Files.writeString(dir.resolve("launcher.flags"), """
                # written by package-builder
                hostname fleet.example.com:443
                root_directory   /var/kolide-k2/fleet.example.com-443

                insecure
                osquery_flag logger_min_status=1
                osquery_flag  verbose=false
                --debug
                """);
        FlagFile flags = FlagFile.read(file);
        assertThat(flags.values("hostname")).containsExactly("fleet.example.com:443");
        assertThat(flags.values("root_directory")).containsExactly("/var/kolide-k2/fleet.example.com-443");
        assertThat(flags.values("insecure")).containsExactly((String) null);
        assertThat(flags.values("osquery_flag")).containsExactly("logger_min_status=1", "verbose=false");
        assertThat(flags.values("debug")).containsExactly((String) null);
        assertThat(flags.names()).containsExactly("hostname", "root_directory", "insecure", "osquery_flag", "debug");
        assertThat(flags.source()).contains(file);
    }

    @Test
    void valuesKeepInnerSpaces() {
        FlagFile flags = FlagFile.parse(null, "enroll_secret a secret with spaces  \n");
        assertThat(flags.values("enroll_secret")).containsExactly("a secret with spaces");
    }

    @Test
    void aMalformedNameIsReportedWithFileAndLine() {
        assertThatThrownBy(() -> FlagFile.parse(Path.of("/etc/x.flags"), "hostname h\n=oops value\n"))
                .isInstanceOf(FlagException.class)
                .hasMessage("flag file /etc/x.flags line 2: \"=oops\" is not a flag name");
    }

    @Test
    void aMissingFileIsReportedByName() {
        Path missing = dir.resolve("nope.flags");
        assertThatThrownBy(() -> FlagFile.read(missing))
                .isInstanceOf(FlagException.class)
                .hasMessage("flag file " + missing + " does not exist");
    }

    @Test
    void anOversizedFileIsRefused() throws Exception {
        byte[] big = new byte[(int) FlagFile.MAX_BYTES + 1];
        Arrays.fill(big, (byte) '#');
        Path file = Files.write(dir.resolve("big.flags"), big);
        assertThatThrownBy(() -> FlagFile.read(file)).hasMessageContaining("is larger than");
    }

    @Test
    void binaryContentIsRefused() throws Exception {
        Path file = Files.write(dir.resolve("bin.flags"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});
        assertThatThrownBy(() -> FlagFile.read(file)).hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void yamlConfigNestedKeysBecomeUnderscoreFlags() throws Exception {
        Path file = Files.writeString(dir.resolve("fleet.yml"), """
                mysql:
                  address: db:3306
                  username: kolide
                server:
                  tls: false
                osquery:
                  label_update_interval: 30m
                extra:
                  - a
                  - b
                """);
        FlagFile flags = FlagFile.read(file);
        assertThat(flags.values("mysql_address")).containsExactly("db:3306");
        assertThat(flags.values("mysql_username")).containsExactly("kolide");
        assertThat(flags.values("server_tls")).containsExactly("false");
        assertThat(flags.values("osquery_label_update_interval")).containsExactly("30m");
        assertThat(flags.values("extra")).containsExactly("a", "b");
    }

    @Test
    void invalidYamlIsReportedByFile() throws Exception {
        Path file = Files.writeString(dir.resolve("fleet.yaml"), "mysql: [unclosed\n");
        assertThatThrownBy(() -> FlagFile.read(file)).isInstanceOf(FlagException.class)
                .hasMessageContaining("config file " + file + " is not valid YAML");
    }

    @Test
    void yamlWhoseTopLevelIsNotAMappingIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("fleet.yml"), "- a\n- b\n");
        assertThatThrownBy(() -> FlagFile.read(file)).hasMessageContaining("must hold a mapping");
    }
}
