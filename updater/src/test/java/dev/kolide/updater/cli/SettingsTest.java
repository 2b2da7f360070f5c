package dev.kolide.updater.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    private static RepositoryFlags repository(String gun, String localRepo) {
        RepositoryFlags flags = new RepositoryFlags();
        flags.gun = gun;
        flags.localRepo = localRepo;
        return flags;
    }

    private static ServerFlags servers(String notary, String mirror) {
        ServerFlags flags = new ServerFlags();
        flags.notaryUrl = notary;
        flags.mirrorUrl = mirror;
        return flags;
    }

    @Test
    void httpsDefaultsNeedNoWarning() {
        Settings settings = Settings.remote(repository("kolide/osqueryd", dir.toString()),
                servers("https://notary.kolide.co", "https://dl.kolide.co"));

        assertThat(settings.gun()).isEqualTo("kolide/osqueryd");
        assertThat(settings.localRepo()).isEqualTo(dir);
        assertThat(settings.notary().uri()).hasToString("https://notary.kolide.co");
        assertThat(settings.trust().isInsecure()).isFalse();
        assertThat(settings.warnings()).isEmpty();
    }

    @Test
    void loopbackHttpAndInsecureAreAllowedWithWarnings() {
        ServerFlags flags = servers("http://127.0.0.1:4443", "http://localhost:8000");
        flags.insecure = true;

        Settings settings = Settings.remote(repository("kolide/osqueryd", dir.toString()), flags);

        assertThat(settings.warnings()).hasSize(3).anyMatch(w -> w.startsWith("--insecure"))
                .anyMatch(w -> w.startsWith("--notary_url http://127.0.0.1:4443 is plain HTTP"))
                .anyMatch(w -> w.startsWith("--mirror_url http://localhost:8000 is plain HTTP"));
    }

    @Test
    void problemsNameTheirFlag() {
        ServerFlags good = servers("https://notary.kolide.co", "https://dl.kolide.co");
        assertThatThrownBy(() -> Settings.remote(repository("", dir.toString()), good))
                .hasMessageContaining("--gun is required");
        assertThatThrownBy(() -> Settings.local(repository("kolide/../x", dir.toString())))
                .hasMessageContaining("--gun");
        assertThatThrownBy(() -> Settings.local(repository("kolide/osqueryd", " ")))
                .hasMessageContaining("--local_repo is required");
        assertThatThrownBy(() -> Settings.remote(repository("kolide/osqueryd", dir.toString()),
                servers("http://notary.example.com", "https://dl.kolide.co")))
                .hasMessageContaining("--notary_url");
        assertThatThrownBy(() -> Settings.remote(repository("kolide/osqueryd", dir.toString()),
                servers("https://notary.kolide.co", "dl.kolide.co")))
                .hasMessageContaining("--mirror_url");

        ServerFlags missingPem = servers("https://notary.kolide.co", "https://dl.kolide.co");
        missingPem.rootPem = dir.resolve("nope.pem").toString();
        assertThatThrownBy(() -> Settings.remote(repository("kolide/osqueryd", dir.toString()), missingPem))
                .hasMessageContaining("--root_pem");

        ServerFlags both = servers("https://notary.kolide.co", "https://dl.kolide.co");
        both.rootPem = dir.resolve("ca.pem").toString();
        both.insecure = true;
        assertThatThrownBy(() -> Settings.remote(repository("kolide/osqueryd", dir.toString()), both))
                .hasMessageContaining("--insecure and --root_pem");
    }
}
