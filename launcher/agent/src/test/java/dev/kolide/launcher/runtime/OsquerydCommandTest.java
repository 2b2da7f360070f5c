package dev.kolide.launcher.runtime;

import static dev.kolide.launcher.runtime.OsqueryOptions.withConfigPluginFlag;
import static dev.kolide.launcher.runtime.OsqueryOptions.withDistributedPluginFlag;
import static dev.kolide.launcher.runtime.OsqueryOptions.withExtensionName;
import static dev.kolide.launcher.runtime.OsqueryOptions.withExtensionPlugins;
import static dev.kolide.launcher.runtime.OsqueryOptions.withExtensionSocketPath;
import static dev.kolide.launcher.runtime.OsqueryOptions.withLoggerPluginFlag;
import static dev.kolide.launcher.runtime.OsqueryOptions.withOsqueryFlags;
import static dev.kolide.launcher.runtime.OsqueryOptions.withOsqueryVerbose;
import static dev.kolide.launcher.runtime.OsqueryOptions.withOsquerydBinary;
import static dev.kolide.launcher.runtime.OsqueryOptions.withRootDirectory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OsquerydCommandTest {
    private static final List<String> HEAD = List.of("--disable_distributed=false", "--distributed_interval=5",
            "--pack_delimiter=:", "--host_identifier=uuid", "--force=true", "--disable_watchdog", "--utc");
    private static final List<String> REFRESH = List.of("--config_refresh=300", "--config_accelerated_refresh=30");
    private static final List<String> FILES = List.of("--pidfile=/r/osquery.pid", "--database_path=/r/osquery.db",
            "--extensions_socket=/r/osquery.sock", "--extensions_timeout=20");
    private static final List<String> REQUIRE = List.of("--extensions_require=kolide_grpc",
            "--disable_extensions=false");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("defaults: the launcher's extension serves config, logger and distributed",
                        List.of(withExtensionPlugins(TestPlugins.launcherPlugins())),
                        line(List.of("--logger_plugin=kolide_grpc", "--distributed_plugin=kolide_grpc"), HEAD,
                                REFRESH, FILES, List.of("--config_plugin=kolide_grpc"), REQUIRE)),
                Arguments.of("verbose comes after --utc",
                        List.of(withOsqueryVerbose(true), withExtensionPlugins(TestPlugins.launcherPlugins())),
                        line(List.of("--logger_plugin=kolide_grpc", "--distributed_plugin=kolide_grpc"), HEAD,
                                List.of("--verbose"), REFRESH, FILES, List.of("--config_plugin=kolide_grpc"),
                                REQUIRE)),
                Arguments.of("user flags get -- and come after the defaults, before the fixed flags",
                        List.of(withOsqueryFlags(List.of("distributed_interval=60", "--logger_plugin=filesystem",
                                        "-verbose", "config_plugin=filesystem")),
                                withExtensionPlugins(TestPlugins.launcherPlugins())),
                        line(List.of("--logger_plugin=kolide_grpc", "--distributed_plugin=kolide_grpc"), HEAD,
                                REFRESH, List.of("--distributed_interval=60", "--logger_plugin=filesystem",
                                        "--verbose", "--config_plugin=filesystem"),
                                FILES, List.of("--config_plugin=kolide_grpc"), REQUIRE)),
                Arguments.of("no plugins: nothing to wait for",
                        List.of(),
                        line(List.of("--logger_plugin=kolide_grpc", "--distributed_plugin=kolide_grpc"), HEAD,
                                REFRESH, FILES, List.of("--config_plugin=kolide_grpc"))),
                Arguments.of("transport=osquery: tls plugins and flags, the extension serves only tables",
                        List.of(withConfigPluginFlag("tls"), withLoggerPluginFlag("tls"),
                                withDistributedPluginFlag("tls"),
                                withOsqueryFlags(List.of("tls_hostname=fleet:8080", "enroll_secret_path=/r/secret")),
                                withExtensionPlugins(TestPlugins.table())),
                        line(List.of("--logger_plugin=tls", "--distributed_plugin=tls"), HEAD, REFRESH,
                                List.of("--tls_hostname=fleet:8080", "--enroll_secret_path=/r/secret"), FILES,
                                List.of("--config_plugin=tls"))),
                Arguments.of("only a logger served by the extension still requires it",
                        List.of(withConfigPluginFlag("filesystem"), withDistributedPluginFlag("tls"),
                                withExtensionName("custom"), withLoggerPluginFlag("custom"),
                                withExtensionPlugins(TestPlugins.logger("custom"))),
                        line(List.of("--logger_plugin=custom", "--distributed_plugin=tls"), HEAD, REFRESH, FILES,
                                List.of("--config_plugin=filesystem", "--extensions_require=custom",
                                        "--disable_extensions=false"))),
                Arguments.of("a socket of the caller's",
                        List.of(withExtensionSocketPath(Path.of("/s/em"))),
                        line(List.of("--logger_plugin=kolide_grpc", "--distributed_plugin=kolide_grpc"), HEAD,
                                REFRESH, List.of("--pidfile=/r/osquery.pid", "--database_path=/r/osquery.db",
                                        "--extensions_socket=/s/em", "--extensions_timeout=20",
                                        "--config_plugin=kolide_grpc"))));
    }

    @SafeVarargs
    private static List<String> line(List<String>... parts) {
        List<String> all = new ArrayList<>();
        all.add("/bin/osqueryd");
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void argv(String name, List<OsqueryOption> options, List<String> expected) {
        List<OsqueryOption> all = new ArrayList<>(List.of(withOsquerydBinary(Path.of("/bin/osqueryd")),
                withRootDirectory(Path.of("/r"))));
        all.addAll(options);

        assertThat(OsqueryInstance.create(all.toArray(OsqueryOption[]::new)).command()).containsExactlyElementsOf(expected);
    }

    @Test
    void aSocketPathOsqueryCannotUseIsRefusedUpFront() {
        Path deep = Path.of("/tmp", "x".repeat(90));

        assertThatThrownBy(() -> OsqueryInstance.create(withRootDirectory(deep)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(deep.resolve("osquery.sock").toString())
                .hasMessageContaining("at most 97")
                .hasMessageContaining("withExtensionSocketPath");
        assertThat(OsqueryInstance.create(withRootDirectory(deep), withExtensionSocketPath(Path.of("/tmp/o.sock")))
                .extensionSocket()).isEqualTo(Path.of("/tmp/o.sock"));
    }

    @Test
    void aRootDirectoryIsRequired() {
        assertThatThrownBy(OsqueryInstance::create).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("withRootDirectory");
    }

    @Test
    void describesExitsAsAShellDoes() {
        assertThat(ProcessGroup.describeExit(3)).isEqualTo("exit code 3");
        assertThat(ProcessGroup.describeExit(137)).isEqualTo("killed by signal 9 (exit code 137)");
    }
}
