package dev.kolide.fleet.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.domain.OsqueryOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The app config row and the osquery options spec. */
class ConfigStoreTest extends DatastoreTestBase {

    @Test
    void appConfigIsSeededAndSaved() {
        assertThat(ds.appConfig().get()).isEqualTo(AppConfig.defaults());

        AppConfig config = new AppConfig("Acme", "https://acme.example/logo.png", "https://fleet.acme.example:8080",
                true, 30, true, Map.of("owner", "select * from users where uid = 501;", "mdm", "select 1;"));
        ds.appConfig().save(config);

        AppConfig stored = ds.appConfig().get();
        assertThat(stored).isEqualTo(config);
        assertThat(stored.additionalQueries()).containsOnlyKeys("mdm", "owner");
    }

    @Test
    void defaultOsqueryOptionsAreKolideFleetsSeeds() {
        OsqueryOptions options = ds.osqueryOptions().get();

        assertThat(options.platformConfigs()).isEmpty();
        assertThat(options.defaultConfig())
                .contains("\"logger_plugin\":\"tls\"", "\"pack_delimiter\":\"/\"", "\"logger_tls_period\":10",
                        "\"distributed_plugin\":\"tls\"", "\"disable_distributed\":false",
                        "\"logger_tls_endpoint\":\"/api/v1/osquery/log\"", "\"distributed_interval\":10",
                        "\"distributed_tls_max_attempts\":3",
                        "SELECT uuid AS host_uuid FROM system_info;", "SELECT hostname AS hostname FROM system_info;");
    }

    @Test
    void replacingOptionsReplacesTheWholeSpec() {
        ds.osqueryOptions().replace(new OsqueryOptions("{\"options\":{\"distributed_interval\":5}}",
                Map.of("darwin", "{\"options\":{\"distributed_interval\":30}}",
                        "windows", "{\"options\":{}}")));
        ds.osqueryOptions().replace(new OsqueryOptions("{\"options\":{\"distributed_interval\":7}}",
                Map.of("darwin", "{\"options\":{\"distributed_interval\":60}}")));

        OsqueryOptions stored = ds.osqueryOptions().get();
        assertThat(stored.platformConfigs()).containsOnlyKeys("darwin");
        assertThat(stored.forPlatform("darwin")).isEqualTo("{\"options\":{\"distributed_interval\":60}}");
        assertThat(stored.forPlatform("ubuntu")).isEqualTo("{\"options\":{\"distributed_interval\":7}}");
    }
}
