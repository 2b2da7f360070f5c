package dev.kolide.cmd.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The repository's docker-compose.yml and Dockerfiles. There is no container engine here, so the compose file
 * is validated by docker-compose's own parser ({@code docker-compose config} needs no engine). In CI the tool
 * must be present; elsewhere the compose test is skipped when it is not installed.
 */
class ContainerDefinitionsTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

    private record Output(int exitCode, String text) {}

    private static Output run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Output(process.exitValue(), text);
    }

    private static boolean dockerComposeInstalled() {
        try {
            return run(List.of("docker-compose", "version")).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void composeFileValidatesAndDefinesDatabaseRedisAndFleet() throws Exception {
        boolean installed = dockerComposeInstalled();
        if (System.getenv("CI") == null) {
            assumeTrue(installed, "docker-compose is not installed (apt-get install docker-compose)");
        }
        assertThat(installed).as("docker-compose must be installed in CI (.ci/run installs it)").isTrue();

        Output check = run(List.of("docker-compose", "-f", "docker-compose.yml", "config", "-q"));
        assertThat(check.exitCode()).as(check.text()).isZero();

        Output services = run(List.of("docker-compose", "-f", "docker-compose.yml", "config", "--services"));
        assertThat(services.exitCode()).as(services.text()).isZero();
        assertThat(services.text().lines()).contains("mariadb", "redis", "fleet-prepare", "fleet");
    }

    @Test
    void composeFleetUsesKolideEnvironmentSettings() throws Exception {
        String compose = Files.readString(REPO.resolve("docker-compose.yml"));
        assertThat(compose).contains("KOLIDE_MYSQL_ADDRESS: mariadb:3306", "KOLIDE_REDIS_ADDRESS: redis:6379",
                "dockerfile: cmd/fleet/Dockerfile");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cmd/fleet/Dockerfile", "cmd/launcher/Dockerfile"})
    void dockerfilesBuildInOneStageAndRunAsANonRootUserInAnother(String dockerfile) throws Exception {
        List<String> lines = Files.readAllLines(REPO.resolve(dockerfile));
        assertThat(lines.stream().filter(l -> l.startsWith("FROM "))).hasSize(2);
        assertThat(lines).anyMatch(l -> l.matches("FROM \\S+ AS build"));
        assertThat(lines).anyMatch(l -> l.startsWith("COPY --from=build "));
        assertThat(lines).anyMatch(l -> l.matches("USER (?!root)\\w+"));
    }
}
