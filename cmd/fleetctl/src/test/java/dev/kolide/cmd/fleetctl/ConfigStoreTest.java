package dev.kolide.cmd.fleetctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {
    @TempDir
    Path home;

    @Test
    void aMissingFileIsAnEmptyContext() {
        assertThat(new ConfigStore(home.resolve(".fleet/config")).context("default")).isEqualTo(CliContext.empty());
    }

    @Test
    void savedContextsAreReadBackAndOthersAreKept() {
        ConfigStore store = new ConfigStore(home.resolve(".fleet/config"));
        CliContext prod = CliContext.empty().withAddress("https://fleet:8080").withEmail("a@example.com")
                .withToken("tok").withTlsSkipVerify(true).withRootca("/ca.pem").withUrlPrefix("/fleet");

        store.save("prod", prod);
        store.save("default", CliContext.empty().withAddress("https://other"));

        assertThat(store.context("prod")).isEqualTo(prod);
        assertThat(store.context("default").address()).isEqualTo("https://other");
    }

    @Test
    void theFileUsesKolidesKeysAndOnlyItsOwnerCanReadIt() throws Exception {
        Path path = home.resolve(".fleet/config");
        new ConfigStore(path).save("default", CliContext.empty().withAddress("https://fleet")
                .withTlsSkipVerify(true).withUrlPrefix("/p").withToken("tok"));

        assertThat(Files.readString(path)).contains("contexts:", "default:", "address: https://fleet",
                "tls-skip-verify: true", "url-prefix: /p", "token: tok");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void aKolideWrittenFileIsRead() throws Exception {
        Path path = home.resolve("config");
        Files.writeString(path, """
                contexts:
                  default:
                    address: https://localhost:8080
                    email: admin@example.com
                    token: abc
                    tls-skip-verify: true
                    rootca: ""
                    url-prefix: ""
                """);

        CliContext context = new ConfigStore(path).context("default");

        assertThat(context.address()).isEqualTo("https://localhost:8080");
        assertThat(context.skipsVerification()).isTrue();
        assertThat(context.toString()).doesNotContain("abc");
    }

    @Test
    void anUnreadableFileIsReportedWithItsPath() throws Exception {
        Path path = home.resolve("config");
        Files.writeString(path, "contexts: [not, a, map]");

        assertThatThrownBy(() -> new ConfigStore(path).context("default")).isInstanceOf(CliException.class)
                .hasMessageContaining(path.toString());
    }
}
