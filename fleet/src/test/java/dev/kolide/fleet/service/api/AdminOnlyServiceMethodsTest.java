package dev.kolide.fleet.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.NewCarve;
import dev.kolide.fleet.domain.NewLabel;
import dev.kolide.fleet.domain.NewPack;
import dev.kolide.fleet.domain.NewQuery;
import dev.kolide.fleet.domain.NewScheduledQuery;
import dev.kolide.fleet.domain.Pack;
import dev.kolide.fleet.domain.Query;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.domain.UserRole;
import dev.kolide.fleet.service.api.config.AppConfigChanges;
import dev.kolide.fleet.service.api.config.EnrollSecretInput;
import dev.kolide.fleet.service.api.config.OsqueryOptionsSpec;
import dev.kolide.fleet.service.api.labels.LabelInput;
import dev.kolide.fleet.service.api.labels.LabelSpec;
import dev.kolide.fleet.service.api.packs.PackInput;
import dev.kolide.fleet.service.api.packs.PackSpec;
import dev.kolide.fleet.service.api.packs.PackSpecQuery;
import dev.kolide.fleet.service.api.packs.ScheduleInput;
import dev.kolide.fleet.service.api.queries.QueryInput;
import dev.kolide.fleet.service.api.users.NewUserInput;
import dev.kolide.fleet.service.api.users.UserChanges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The role rule lives in the services, not in a transport: every admin-only method, called for an observer with
 * arguments that an admin's call would accept, throws PermissionDeniedException and changes nothing. The same
 * calls for an admin succeed, which shows the refusal is about the role and not the arguments.
 */
class AdminOnlyServiceMethodsTest extends ServiceTestBase {

    private User other;
    private Host host;
    private Label label;
    private Query query;
    private Pack pack;
    private long scheduled;
    private long carve;

    @BeforeEach
    void createOneOfEverything() {
        other = env.createUser("other", UserRole.OBSERVER);
        host = env.enrollHost("web-01", "ubuntu");
        label = env.datastore().labels().create(NewLabel.dynamic("fixture_label", "select 1;"));
        query = env.datastore().queries().create(new NewQuery("fixture_query", "", "select 1;", true, null));
        pack = env.datastore().packs().create(NewPack.named("fixture_pack"));
        scheduled = env.datastore().scheduledQueries().create(NewScheduledQuery.of(pack.id(), query.name(), 60)).id();
        carve = env.datastore().carves().create(new NewCarve(host.id(), "fixture_carve", 1, 4, 4, "c", "r", "s")).id();
        env.datastore().carves().appendBlock(carve, 0, "data".getBytes(StandardCharsets.UTF_8));
    }

    /** Every admin-only service method, by name. */
    private Map<String, Consumer<Viewer>> adminOnly() {
        Map<String, Consumer<Viewer>> calls = new LinkedHashMap<>();
        String pw = ApiTestEnvironment.PASSWORD;
        calls.put("users.create", v -> services.users().create(v,
                new NewUserInput("newbie", "", "newbie@example.com", pw, null, null, false, false, false)));
        calls.put("users.modify (someone else)", v -> services.users().modify(v, other.id(),
                new UserChanges(null, "Renamed", null, null, null, null)));
        calls.put("users.setAdmin", v -> services.users().setAdmin(v, other.id(), true));
        calls.put("users.setEnabled", v -> services.users().setEnabled(v, other.id(), false));
        calls.put("users.requirePasswordReset", v -> services.users().requirePasswordReset(v, other.id(), true));
        calls.put("sessions.get (someone else's)", v -> services.sessions().get(v, admin.session().id()));
        calls.put("sessions.delete (someone else's)", v -> services.sessions().delete(v, admin.session().id()));
        calls.put("sessions.listForUser (someone else)", v -> services.sessions().listForUser(v, adminUser.id()));
        calls.put("sessions.deleteForUser (someone else)", v -> services.sessions().deleteForUser(v, other.id()));
        calls.put("queries.create", v -> services.queries().create(v, new QueryInput("q2", "", "select 2;")));
        calls.put("queries.modify", v -> services.queries().modify(v, query.id(), new QueryInput(null, "d", null)));
        calls.put("queries.deleteByName", v -> services.queries().deleteByName(v, query.name()));
        calls.put("queries.delete", v -> services.queries().delete(v, query.id()));
        calls.put("queries.deleteAll", v -> services.queries().deleteAll(v, List.of(query.id())));
        calls.put("queries.applySpecs", v -> services.queries().applySpecs(v,
                List.of(new QueryInput("spec_q", "", "select 3;"))));
        calls.put("packs.create", v -> services.packs().create(v, new PackInput("p2", null, null, null, null, null)));
        calls.put("packs.modify", v -> services.packs().modify(v, pack.id(),
                new PackInput(null, "d", null, null, null, null)));
        calls.put("packs.deleteByName", v -> services.packs().deleteByName(v, pack.name()));
        calls.put("packs.delete", v -> services.packs().delete(v, pack.id()));
        calls.put("packs.applySpecs", v -> services.packs().applySpecs(v, List.of(new PackSpec(null, "spec_p", "",
                "", false, List.of("All Hosts"),
                List.of(new PackSpecQuery(query.name(), null, null, 60, null, null, null, null, null))))));
        calls.put("schedule.schedule", v -> services.schedule().schedule(v,
                new ScheduleInput(pack.id(), query.id(), 30, null, null, null, null, null)));
        calls.put("schedule.modify", v -> services.schedule().modify(v, scheduled,
                new ScheduleInput(null, null, 120, null, null, null, null, null)));
        calls.put("schedule.delete", v -> services.schedule().delete(v, scheduled));
        calls.put("labels.create", v -> services.labels().create(v,
                new LabelInput("l2", "", "select 1;", "", null, null)));
        calls.put("labels.modify", v -> services.labels().modify(v, label.id(), null, "d"));
        calls.put("labels.deleteByName", v -> services.labels().deleteByName(v, label.name()));
        calls.put("labels.delete", v -> services.labels().delete(v, label.id()));
        calls.put("labels.applySpecs", v -> services.labels().applySpecs(v,
                List.of(new LabelSpec(null, "spec_l", "", "select 1;", "", null, null, null))));
        calls.put("hosts.delete", v -> services.hosts().delete(v, host.id()));
        calls.put("appConfig.modify", v -> services.appConfig().modify(v,
                new AppConfigChanges("Acme", null, null, null, null, null, false, null)));
        calls.put("enrollSecrets.apply", v -> services.enrollSecrets().apply(v,
                List.of(new EnrollSecretInput("default", "s3cret", true))));
        calls.put("enrollSecrets.list", v -> services.enrollSecrets().list(v));
        calls.put("osqueryOptions.apply", v -> services.osqueryOptions().apply(v,
                new OsqueryOptionsSpec("{\"options\":{}}", Map.of())));
        calls.put("carves.open", v -> {
            try (var content = services.carves().open(v, carve).content()) {
                content.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return calls;
    }

    @Test
    void everyAdminOnlyMethodRefusesAnObserverAndChangesNothing() {
        Map<String, Long> before = rowCounts();
        AppConfig config = env.datastore().appConfig().get();

        adminOnly().forEach((name, call) -> assertThatThrownBy(() -> call.accept(observer))
                .as(name)
                .isInstanceOf(PermissionDeniedException.class));

        assertThat(rowCounts()).isEqualTo(before);
        assertThat(env.datastore().appConfig().get()).isEqualTo(config);
        assertThat(env.datastore().users().find(other.id()).orElseThrow()).isEqualTo(other);
        assertThat(env.deletedHosts()).isEmpty();
    }

    @Test
    void everyAdminOnlyMethodRefusesAUserWhosePasswordResetIsPending() {
        User forced = env.datastore().users().update(new User(adminUser.id(), adminUser.username(),
                adminUser.name(), adminUser.email(), adminUser.passwordHash(), adminUser.passwordSalt(),
                UserRole.ADMIN, true, true, false, "", "", adminUser.createdAt(), adminUser.updatedAt()));
        Viewer pending = new Viewer(forced, admin.session());

        adminOnly().forEach((name, call) -> assertThatThrownBy(() -> call.accept(pending))
                .as(name)
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("password reset is required"));
    }

    @Test
    void theSameCallsSucceedForAnAdmin() {
        for (String name : adminOnly().keySet()) {
            // Each on fresh data: some calls delete what others change.
            resetData();
            createOneOfEverything();
            try {
                adminOnly().get(name).accept(admin);
            } catch (RuntimeException e) {
                throw new AssertionError(name + " failed for an admin", e);
            }
        }
    }

    @Test
    void deletingAHostTellsTheOsquerySideWhichHostWentAway() {
        services.hosts().delete(admin, host.id());

        assertThat(env.deletedHosts()).containsExactly(host.id());
        assertThat(env.datastore().hosts().find(host.id())).isEmpty();
    }
}
