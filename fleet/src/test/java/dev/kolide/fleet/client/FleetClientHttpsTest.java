package dev.kolide.fleet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.datastore.testing.TestEngine;
import dev.kolide.fleet.domain.UserRole;
import dev.kolide.fleet.service.api.ApiTestEnvironment;
import dev.kolide.fleet.transport.http.TestHttpServer;
import dev.kolide.fleet.transport.http.api.ApiExceptionMappings;
import dev.kolide.fleet.transport.http.api.ApiRoutes;
import dev.kolide.kit.tls.ClientTrust;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The client against the real REST API over HTTPS on 127.0.0.1 (H2 datastore), trusting the test CA only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class FleetClientHttpsTest {
    private ApiTestEnvironment env;
    private TestHttpServer server;
    private FleetClient anonymous;

    @BeforeAll
    void startServer() {
        env = ApiTestEnvironment.open(TestEngine.H2);
        server = TestHttpServer.builder()
                .exceptionMappings(ApiExceptionMappings.create())
                .routes(routes -> ApiRoutes.register(routes, env.services()))
                .start();
        anonymous = FleetClient.connect(new FleetEndpoint(URI.create("https://localhost:" + server.port()), "",
                server.certificates().clientTrust()));
    }

    @AfterAll
    void stopServer() {
        server.close();
        env.close();
    }

    @BeforeEach
    void emptyFleet() {
        env.reset();
    }

    private FleetClient admin() {
        env.createUser("admin", UserRole.ADMIN);
        return anonymous.withToken(anonymous.login("admin", ApiTestEnvironment.PASSWORD).token());
    }

    private static SetupRequest setupOf(String username) {
        return new SetupRequest(username, "Admin", username + "@example.com", "p4ssw0rd!", "Acme",
                "https://fleet.example.com", null);
    }

    @Test
    void setupCreatesTheAdminAndAnswersATokenThatWorks() {
        Session session = anonymous.setup(setupOf("root"));

        assertThat(session.user().username()).isEqualTo("root");
        assertThat(session.user().admin()).isTrue();
        assertThat(anonymous.withToken(session.token()).me().email()).isEqualTo("root@example.com");
        assertThat(session.toString()).doesNotContain(session.token());
    }

    @Test
    void secondSetupFailsWithTheServersMessage() {
        anonymous.setup(setupOf("root"));

        assertThatThrownBy(() -> anonymous.setup(setupOf("other")))
                .isInstanceOfSatisfying(FleetApiException.class, e -> {
                    assertThat(e.status()).isBetween(400, 499);
                    assertThat(e.serverMessage()).isNotBlank();
                    assertThat(e.getMessage()).startsWith("setting up fleet: ").contains(e.serverMessage());
                });
    }

    @Test
    void loginWithAWrongPasswordFailsWith401AndTheServersMessage() {
        env.createUser("admin", UserRole.ADMIN);

        assertThatThrownBy(() -> anonymous.login("admin", "wrong-Passw0rd!"))
                .isInstanceOfSatisfying(FleetApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).startsWith("logging in as admin: ")
                            .doesNotContain("wrong-Passw0rd!");
                });
    }

    @Test
    void logoutEndsTheSessionOnTheServer() {
        FleetClient admin = admin();
        assertThat(admin.me().username()).isEqualTo("admin");

        admin.logout();

        assertThatThrownBy(admin::me).isInstanceOfSatisfying(FleetApiException.class,
                e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void callsThatNeedATokenFailWithoutOneBeforeReachingTheServer() {
        assertThatThrownBy(anonymous::querySpecs).isInstanceOf(FleetClientException.class)
                .hasMessageContaining("not logged in");
    }

    @Test
    void appliedSpecsComeBackAsTheyWereApplied() {
        FleetClient admin = admin();
        QuerySpec uptime = new QuerySpec("uptime", "How long up", "SELECT * FROM uptime;");
        QuerySpec users = new QuerySpec("users", "", "SELECT * FROM users;");
        LabelSpec ubuntu = new LabelSpec(null, "ubuntu", "Ubuntu hosts",
                "SELECT 1 FROM os_version WHERE platform = 'ubuntu';", "ubuntu", null, "dynamic", null);
        PackSpec pack = new PackSpec(null, "baseline", "Baseline", null, false,
                new PackSpec.Targets(List.of("ubuntu")), List.of(
                        new PackSpec.PackQuery("uptime", "uptime", null, 3600, true, null, null, null, null),
                        new PackSpec.PackQuery("users", "users_diff", null, 600, false, true, 50, "linux",
                                null)));

        admin.applyQuerySpecs(List.of(uptime, users));
        admin.applyLabelSpecs(List.of(ubuntu));
        admin.applyPackSpecs(List.of(pack));

        assertThat(admin.querySpecs()).contains(uptime, users);
        assertThat(admin.labelSpecs()).extracting(LabelSpec::withoutServerFields).contains(ubuntu);
        assertThat(admin.packSpecs()).extracting(PackSpec::withoutId).containsExactly(pack);
        assertThat(admin.packSpecs().get(0).id()).isPositive();
    }

    @Test
    void enrollSecretAndOptionsSpecsRoundTrip() throws Exception {
        FleetClient admin = admin();
        EnrollSecretSpec secrets = new EnrollSecretSpec(List.of(
                new EnrollSecretSpec.Secret("default", "s3cret-one", true),
                new EnrollSecretSpec.Secret("old", "s3cret-two", false)));
        ObjectMapper json = new ObjectMapper();
        OptionsSpec options = new OptionsSpec(
                json.readTree("{\"options\":{\"distributed_interval\":3,\"logger_plugin\":\"tls\"}}"),
                json.readTree("{\"platforms\":{\"darwin\":{\"options\":{\"distributed_interval\":10}}}}"));

        admin.applyEnrollSecretSpec(secrets);
        admin.applyOptionsSpec(options);

        assertThat(admin.enrollSecretSpec().secrets()).containsAll(secrets.secrets());
        assertThat(admin.optionsSpec()).isEqualTo(options);
        assertThat(secrets.secrets().get(0).toString()).doesNotContain("s3cret-one");
    }

    @Test
    void deletingByNameRemovesOnlyThatQueryAndAnUnknownNameIsTheServersError() {
        FleetClient admin = admin();
        admin.applyQuerySpecs(List.of(new QuerySpec("a b", "", "SELECT 1;"), new QuerySpec("c", "", "SELECT 2;")));

        admin.deleteQuery("a b");

        assertThat(admin.querySpecs()).extracting(QuerySpec::name).containsExactly("c");
        assertThatThrownBy(() -> admin.deleteQuery("a b")).isInstanceOfSatisfying(FleetApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void hostsAreListedAndFoundByHostname() {
        FleetClient admin = admin();
        env.enrollHost("web-01", "ubuntu");
        env.enrollHost("db-01", "centos");

        assertThat(admin.hosts()).extracting(Host::hostname).containsExactlyInAnyOrder("web-01", "db-01");
        Host web = admin.host("web-01");
        assertThat(web.platform()).isEqualTo("ubuntu");
        assertThat(web.primaryIp()).isEqualTo("10.0.0.7");
        assertThat(web.status()).isNotBlank();
    }

    @Test
    void appConfigChangesWhatThePatchNames() {
        FleetClient admin = admin();
        ObjectNode patch = new ObjectMapper().createObjectNode();
        patch.putObject("org_info").put("org_name", "Initech");

        ObjectNode after = admin.modifyAppConfig(patch);

        assertThat(after.path("org_info").path("org_name").asText()).isEqualTo("Initech");
        assertThat(admin.appConfig().path("org_info").path("org_name").asText()).isEqualTo("Initech");
    }

    @Test
    void aServerSignedByAnUnknownCaIsRefused() {
        FleetClient systemRoots = FleetClient.connect(new FleetEndpoint(
                URI.create("https://localhost:" + server.port()), "", ClientTrust.systemRoots()));

        assertThatThrownBy(() -> systemRoots.login("admin", "x")).isInstanceOf(FleetClientException.class)
                .hasMessageContaining("talking to fleet at https://localhost:" + server.port());
    }

    @Test
    void skippingVerificationReachesAServerSignedByAnUnknownCa() {
        env.createUser("admin", UserRole.ADMIN);
        FleetClient insecure = FleetClient.connect(new FleetEndpoint(
                URI.create("https://localhost:" + server.port()), "", ClientTrust.insecureSkipVerification()));

        assertThat(insecure.login("admin", ApiTestEnvironment.PASSWORD).user().username()).isEqualTo("admin");
    }
}
