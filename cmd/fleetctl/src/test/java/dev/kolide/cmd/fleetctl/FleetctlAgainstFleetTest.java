package dev.kolide.cmd.fleetctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * fleetctl used as a person would, against fleet's real REST API over HTTPS in this JVM (fresh H2 per test),
 * trusting only the server's dev CA: setup, login, config, apply, get, delete, convert, and the server's errors.
 */
@Timeout(120)
class FleetctlAgainstFleetTest {
    private static final String PASSWORD = "p4ssw0rd!";

    @TempDir
    Path dir;

    private InProcessFleet fleet;
    private FleetctlRunner fleetctl;

    @BeforeEach
    void startFleet() {
        fleet = new InProcessFleet(dir.resolve("fleet"));
        fleetctl = new FleetctlRunner(dir.resolve("home"));
    }

    @AfterEach
    void stopFleet() {
        fleet.close();
    }

    private FleetctlRunner.Run ok(String... args) {
        FleetctlRunner.Run run = fleetctl.run(args);
        assertThat(run.code()).as("%s", run).isZero();
        return run;
    }

    private void setUp() {
        ok("config", "set", "--address", fleet.address(), "--rootca", fleet.caFile().toString());
        ok("setup", "--email", "admin@example.com", "--password", PASSWORD, "--org-name", "Acme");
    }

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static final String SPECS = """
            apiVersion: v1
            kind: options
            spec:
              config:
                options:
                  distributed_interval: 3
                  logger_plugin: tls
              overrides:
                platforms:
                  darwin:
                    options:
                      distributed_interval: 10
            ---
            apiVersion: v1
            kind: enroll_secret
            spec:
              secrets:
                - name: default
                  secret: RzTlxPvugG4o4O5IKS/HqEDJUmI1hwBoffff
                  active: true
            ---
            apiVersion: v1
            kind: pack
            spec:
              name: baseline
              description: What every host reports
              targets:
                labels:
                  - ubuntu
              queries:
                - query: uptime
                  name: uptime
                  interval: 3600
                  snapshot: true
                - query: users
                  name: users_diff
                  interval: 600
                  removed: true
            ---
            apiVersion: v1
            kind: query
            spec:
              name: uptime
              description: How long up
              query: SELECT * FROM uptime;
            ---
            apiVersion: v1
            kind: query
            spec:
              name: users
              query: |
                SELECT uid, username
                FROM users;
            ---
            apiVersion: v1
            kind: label
            spec:
              name: ubuntu
              description: Ubuntu hosts
              query: SELECT 1 FROM os_version WHERE platform = 'ubuntu';
              platform: ubuntu
            ---
            apiVersion: v1
            kind: config
            spec:
              org_info:
                org_name: Initech
            """;

    @Test
    void setupKeepsTheTokenInAnOwnerOnlyFileAndConfigGetNeverShowsIt() throws IOException {
        setUp();

        String file = Files.readString(fleetctl.config());
        assertThat(file).contains("address: " + fleet.address(), "email: admin@example.com", "token: ");
        assertThat(Files.getPosixFilePermissions(fleetctl.config()))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        String token = file.lines().filter(l -> l.strip().startsWith("token:")).findFirst().orElseThrow()
                .strip().substring("token:".length()).strip();
        FleetctlRunner.Run all = ok("config", "get");
        assertThat(all.out()).contains("address: " + fleet.address(), "token: (set, not shown)")
                .doesNotContain(token);
        assertThat(ok("config", "get", "email").out()).isEqualTo("email: admin@example.com\n");
    }

    @Test
    void logoutForgetsTheTokenAndLoginGetsANewOne() {
        setUp();

        ok("logout");
        assertThat(ok("config", "get", "token").out()).contains("(not set)");
        FleetctlRunner.Run refused = fleetctl.run("get", "queries");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("not logged in").contains("fleetctl login");

        assertThat(ok("login", "--email", "admin@example.com", "--password", PASSWORD).out())
                .contains("login successful");
        ok("get", "queries");
    }

    @Test
    void loginReadsThePasswordFromStdinWhenThereIsNoTerminal() {
        setUp();
        ok("logout");

        FleetctlRunner.Run run = fleetctl.runWithInput(PASSWORD + "\n", "login", "--email", "admin@example.com");

        assertThat(run.code()).as("%s", run).isZero();
    }

    @Test
    void aWrongPasswordShowsTheServersMessageWithoutAStackTraceAndExitsOne() {
        setUp();

        FleetctlRunner.Run run = fleetctl.run("login", "--email", "admin@example.com", "--password", "Wr0ng-pass!");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("fleetctl: logging in as admin@example.com: ")
                .doesNotContain("Exception", "\tat ", "Wr0ng-pass!");
    }

    @Test
    void aSecondSetupIsRefusedWithTheServersMessage() {
        setUp();

        FleetctlRunner.Run run = fleetctl.run("setup", "--email", "other@example.com", "--password", PASSWORD,
                "--org-name", "Other");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("fleetctl: setting up fleet: ").doesNotContain("Exception");
    }

    @Test
    void contextsAreSeparate() {
        setUp();

        ok("config", "set", "--context", "staging", "--address", "https://staging.example.com");

        assertThat(ok("config", "get", "address").out()).contains(fleet.address());
        assertThat(ok("config", "get", "--context", "staging").out())
                .contains("address: https://staging.example.com", "token: (not set)");
        FleetctlRunner.Run notLoggedIn = fleetctl.run("get", "queries", "--context", "staging");
        assertThat(notLoggedIn.err()).contains("fleetctl login --context staging");
    }

    @Test
    void applyingAMultiDocumentFileSendsEveryKind() throws IOException {
        setUp();

        FleetctlRunner.Run applied = ok("apply", "-f", file("specs.yml", SPECS).toString());

        assertThat(applied.out()).contains("[+] applied 2 queries", "[+] applied 1 pack", "[+] applied 1 label",
                "[+] applied 1 options spec", "[+] applied 1 enroll secret spec", "[+] applied 1 config spec");
        String queries = ok("get", "queries").out();
        assertThat(queries.lines()).first().asString().matches("NAME +DESCRIPTION +QUERY");
        assertThat(queries).contains("uptime  How long up  SELECT * FROM uptime;")
                .contains("SELECT uid, username FROM users;");
        assertThat(ok("get", "packs").out()).containsPattern("baseline +What every host reports +false +2");
        assertThat(ok("get", "labels", "ubuntu").out().lines()).hasSize(2);
        assertThat(ok("get", "options").out()).contains("kind: options", "distributed_interval: 3", "darwin:");
        assertThat(ok("get", "enroll_secret").out()).contains("RzTlxPvugG4o4O5IKS/HqEDJUmI1hwBoffff");
        assertThat(ok("get", "config").out()).contains("org_name: Initech");
    }

    @Test
    void jsonOutputIsOneSpecDocumentPerLine() throws IOException {
        setUp();
        ok("apply", "-f", file("specs.yml", SPECS).toString());

        String json = ok("get", "queries", "--json").out();

        assertThat(json.lines()).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("{\"apiVersion\":\"v1\",\"kind\":\"query\",\"spec\":{\"name\":"));
        assertThat(fleetctl.run("get", "queries", "--json", "--yaml").code()).isEqualTo(2);
    }

    @Test
    void yamlFromGetAppliesBackToTheSameState() throws IOException {
        setUp();
        ok("apply", "-f", file("specs.yml", SPECS).toString());
        StringBuilder exported = new StringBuilder();
        for (String kind : new String[] {"options", "enroll_secret", "labels", "queries", "packs", "config"}) {
            exported.append(ok("get", kind, "--yaml").out());
        }
        Path export = file("export.yml", exported.toString());
        ok("delete", "-f", dir.resolve("specs.yml").toString());
        assertThat(ok("get", "queries").out().lines()).hasSize(1);

        ok("apply", "-f", export.toString());

        StringBuilder again = new StringBuilder();
        for (String kind : new String[] {"options", "enroll_secret", "labels", "queries", "packs", "config"}) {
            again.append(ok("get", kind, "--yaml").out());
        }
        assertThat(again.toString()).isEqualTo(exported.toString()).contains("name: baseline", "name: users_diff");
    }

    @Test
    void deleteRemovesTheNamedQueriesPacksAndLabelsAndSaysWhatItSkipped() throws IOException {
        setUp();
        Path specs = file("specs.yml", SPECS);
        ok("apply", "-f", specs.toString());

        FleetctlRunner.Run deleted = ok("delete", "-f", specs.toString());

        assertThat(deleted.out()).contains("[+] deleted pack baseline", "[+] deleted query uptime",
                "[+] deleted query users", "[+] deleted label ubuntu");
        assertThat(deleted.err()).contains("skipped options", "skipped enroll_secret", "skipped config");
        assertThat(ok("get", "packs").out().lines()).hasSize(1);
        assertThat(ok("get", "labels").out()).doesNotContainPattern("(?m)^ubuntu ");
        FleetctlRunner.Run again = fleetctl.run("delete", "-f", specs.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).startsWith("fleetctl: deleting pack baseline: ").doesNotContain("Exception");
    }

    @Test
    void aPackNamingAnUnknownQueryIsRefusedWithTheServersMessage() throws IOException {
        setUp();

        FleetctlRunner.Run run = fleetctl.run("apply", "-f", file("pack.yml", """
                apiVersion: v1
                kind: pack
                spec:
                  name: broken
                  queries:
                    - query: no_such_query
                      name: q
                      interval: 60
                """).toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("fleetctl: applying 1 pack spec(s): ").contains("no_such_query")
                .doesNotContain("Exception");
    }

    @Test
    void aMalformedSpecFileChangesNothing() throws IOException {
        setUp();

        FleetctlRunner.Run run = fleetctl.run("apply", "-f", file("bad.yml", """
                apiVersion: v1
                kind: query
                spec: {name: fine, query: SELECT 1;}
                ---
                apiVersion: v1
                kind: pack
                spec: {name: p, queries: "not a list"}
                """).toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("bad.yml").contains("pack spec is malformed");
        assertThat(ok("get", "queries").out()).doesNotContain("fine");
    }

    @Test
    void hostsAreShownAsATableAndOneHostAsYaml() {
        setUp();
        fleet.enrollHost("web-01", "ubuntu");
        fleet.enrollHost("db-01", "centos");

        String table = ok("get", "hosts").out();
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().findFirst().orElseThrow())
                .matches("HOSTNAME +STATUS +PLATFORM +OS VERSION +OSQUERY VERSION +IP +UUID");
        assertThat(table).containsPattern("web-01 +\\w+ +ubuntu +Ubuntu 22.04.3 LTS +5.10.2 +10.0.0.7 +uuid-web-01");
        assertThat(ok("get", "hosts", "--json").out().lines()).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("\"kind\":\"host\""));
        assertThat(ok("get", "host", "web-01").out()).contains("kind: host", "hostname: web-01",
                "primary_ip: 10.0.0.7").doesNotContain("node");
        FleetctlRunner.Run missing = fleetctl.run("get", "host", "nope");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("fleetctl: getting host nope: ");
    }

    @Test
    void aConvertedOsqueryPackAppliesAndShowsUp() throws IOException {
        setUp();
        Path pack;
        try (InputStream in = getClass().getResourceAsStream("/incident-response.conf")) {
            pack = file("incident-response.conf", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }

        FleetctlRunner.Run converted = ok("convert", "-f", pack.toString());
        ok("apply", "-f", file("converted.yml", converted.out()).toString());

        assertThat(converted.err()).contains("discovery");
        assertThat(ok("get", "packs").out()).containsPattern("incident-response +posix +false +3");
        assertThat(ok("get", "queries", "open_sockets").out()).contains("process_open_sockets");
    }

    @Test
    void withTlsSkipVerifyAnUntrustedServerIsReachedAndWithoutItItIsRefused() {
        ok("config", "set", "--address", fleet.address());

        FleetctlRunner.Run refused = fleetctl.run("setup", "--email", "a@example.com", "--password", PASSWORD,
                "--org-name", "Acme");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("talking to fleet at " + fleet.address()).doesNotContain("\tat ");

        ok("config", "set", "--tls-skip-verify");
        ok("setup", "--email", "a@example.com", "--password", PASSWORD, "--org-name", "Acme");
    }

    @Test
    void noAddressAndBadUsageSayWhatToDo() {
        FleetctlRunner.Run noAddress = fleetctl.run("login", "--email", "a@example.com", "--password", PASSWORD);
        assertThat(noAddress.code()).isEqualTo(1);
        assertThat(noAddress.err()).contains("has no address").contains("fleetctl config set --address");
        // Said before asking for a password that could not be used anyway.
        assertThat(fleetctl.run("setup", "--email", "a@example.com", "--org-name", "Acme").err())
                .contains("has no address");

        assertThat(fleetctl.run("apply").code()).isEqualTo(2);
        assertThat(fleetctl.run("get", "widgets").code()).isEqualTo(2);
        assertThat(fleetctl.run("query", "--hosts", "a").code()).isEqualTo(2);
        assertThat(fleetctl.run("query", "--hosts", "a", "--query", "SELECT 1;", "--query-name", "q").code())
                .isEqualTo(2);
        assertThat(fleetctl.run("query", "--hosts", "a", "--query", "SELECT 1;", "--timeout", "soon").code())
                .isEqualTo(2);
        FleetctlRunner.Run noTargets = fleetctl.run("query", "--query", "SELECT 1;");
        assertThat(noTargets.code()).isEqualTo(1);
        assertThat(noTargets.err()).contains("--hosts and/or --labels");
        assertThat(fleetctl.run("query", "--hosts", "a", "--query", "SELECT 1;", "--timeout", "30s").err())
                .contains("has no address");
    }
}
