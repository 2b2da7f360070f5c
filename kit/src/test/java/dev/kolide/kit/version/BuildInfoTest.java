package dev.kolide.kit.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BuildInfoTest {
    private static final BuildInfo INFO = new BuildInfo("fleet", "v1.2.3-4-gabcdef0", "main",
            "abcdef0123456789abcdef0123456789abcdef01", "2026-11-27T02:19:05Z", "builder", "17.0.15");

    @Test
    void stampedPropertiesAreReadField() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader("""
                program=fleet
                version=v1.2.3-4-gabcdef0
                branch=main
                revision=abcdef0123456789abcdef0123456789abcdef01
                build_date=2026-11-27T02:19:05Z
                build_user=builder
                java_version=17.0.15
                """));
        assertThat(BuildInfo.fromProperties(p, "other")).isEqualTo(INFO);
    }

    @Test
    void unfilteredPlaceholdersAndMissingKeysReadAsUnknown() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader("program=${program.name}\nversion=${git.commit.id.describe}\nbranch=\n"));
        BuildInfo info = BuildInfo.fromProperties(p, "launcher");
        assertThat(info.program()).isEqualTo("launcher");
        assertThat(info.version()).isEqualTo("unknown");
        assertThat(info.branch()).isEqualTo("unknown");
        assertThat(info.revision()).isEqualTo("unknown");
    }

    @Test
    void missingResourceGivesUnknownBuildInfo() {
        // kit's own test classpath has no stamped resource: only cmd modules are stamped
        assertThat(BuildInfo.load(BuildInfoTest.class, "kit")).isEqualTo(BuildInfo.unknown("kit"));
    }

    @Test
    void versionCommandPrintsEveryFieldAsText() {
        String out = run("version");
        assertThat(out).startsWith("fleet - version v1.2.3-4-gabcdef0\n")
                .contains("branch:", "main", "revision:", INFO.revision(), "build date:", "2026-11-27T02:19:05Z",
                        "build user:", "builder", "java version:", "17.0.15");
    }

    @Test
    void versionCommandPrintsOneJsonObjectWithKitKeys() throws Exception {
        JsonNode json = new ObjectMapper().readTree(run("version", "--json"));
        assertThat(json.get("program").asText()).isEqualTo("fleet");
        assertThat(json.get("version").asText()).isEqualTo("v1.2.3-4-gabcdef0");
        assertThat(json.get("branch").asText()).isEqualTo("main");
        assertThat(json.get("revision").asText()).isEqualTo(INFO.revision());
        assertThat(json.get("build_date").asText()).isEqualTo("2026-11-27T02:19:05Z");
        assertThat(json.get("build_user").asText()).isEqualTo("builder");
        assertThat(json.get("java_version").asText()).isEqualTo("17.0.15");
        assertThat(json.size()).isEqualTo(7);
    }

    private static String run(String... args) {
        @CommandLine.Command(name = "fleet")
        class Root {}
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Root());
        cli.addSubcommand("version", new VersionCommand(INFO, new ObjectMapper()));
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).isZero();
        return out.toString();
    }
}
