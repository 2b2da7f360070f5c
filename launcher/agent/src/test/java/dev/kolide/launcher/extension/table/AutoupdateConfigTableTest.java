package dev.kolide.launcher.extension.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.plugin.TablePlugin;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoupdateConfigTableTest {
    @Test
    void reportsTheAutoupdateFlagsAsKolidesLauncherDoes() {
        TablePlugin table = LauncherTables.autoupdateConfig(true, "https://notary.kolide.co", "https://dl.kolide.co",
                Duration.ofHours(1), "beta");

        ExtensionResponse rows = table.call(Map.of("action", "generate", "context", "{}"));

        assertThat(table.name()).isEqualTo("kolide_launcher_autoupdate_config");
        assertThat(table.columns()).extracting(c -> c.name()).containsExactly("autoupdate", "notary_server_url",
                "mirror_server_url", "autoupdate_interval", "update_channel");
        assertThat(rows.isOk()).isTrue();
        assertThat(rows.response()).containsExactly(Map.of("autoupdate", "1",
                "notary_server_url", "https://notary.kolide.co", "mirror_server_url", "https://dl.kolide.co",
                "autoupdate_interval", "3600", "update_channel", "beta"));
    }
}
