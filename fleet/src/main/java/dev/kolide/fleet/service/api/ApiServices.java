package dev.kolide.fleet.service.api;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.auth.LoginRateLimiter;
import dev.kolide.fleet.auth.PasswordHasher;
import dev.kolide.fleet.auth.SessionTokens;
import dev.kolide.fleet.datastore.Datastore;
import dev.kolide.fleet.service.api.carves.CarveService;
import dev.kolide.fleet.service.api.carves.DefaultCarveService;
import dev.kolide.fleet.service.api.config.AppConfigService;
import dev.kolide.fleet.service.api.config.DefaultAppConfigService;
import dev.kolide.fleet.service.api.config.DefaultEnrollSecretService;
import dev.kolide.fleet.service.api.config.DefaultOsqueryOptionsService;
import dev.kolide.fleet.service.api.config.EnrollSecretService;
import dev.kolide.fleet.service.api.config.OsqueryOptionsService;
import dev.kolide.fleet.service.api.hosts.DefaultHostService;
import dev.kolide.fleet.service.api.hosts.HostDetailsLoader;
import dev.kolide.fleet.service.api.hosts.HostService;
import dev.kolide.fleet.service.api.labels.DefaultLabelService;
import dev.kolide.fleet.service.api.labels.LabelService;
import dev.kolide.fleet.service.api.packs.DefaultPackService;
import dev.kolide.fleet.service.api.packs.DefaultScheduleService;
import dev.kolide.fleet.service.api.packs.PackService;
import dev.kolide.fleet.service.api.packs.ScheduleService;
import dev.kolide.fleet.service.api.queries.DefaultQueryService;
import dev.kolide.fleet.service.api.queries.QueryService;
import dev.kolide.fleet.service.api.sessions.DefaultSessionService;
import dev.kolide.fleet.service.api.sessions.SessionIssuer;
import dev.kolide.fleet.service.api.sessions.SessionService;
import dev.kolide.fleet.service.api.setup.DefaultSetupService;
import dev.kolide.fleet.service.api.setup.SetupService;
import dev.kolide.fleet.service.api.targets.DefaultTargetService;
import dev.kolide.fleet.service.api.targets.TargetService;
import dev.kolide.fleet.service.api.users.DefaultUserService;
import dev.kolide.fleet.service.api.users.UserAccounts;
import dev.kolide.fleet.service.api.users.UserService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * Every service of the REST API, as {@code transport.http.api.ApiRoutes} takes them. Build them with
 * {@link #create} in main; a test may build a record with some services of its own.
 */
public record ApiServices(
        SetupService setup,
        SessionService sessions,
        UserService users,
        QueryService queries,
        PackService packs,
        ScheduleService schedule,
        LabelService labels,
        HostService hosts,
        TargetService targets,
        AppConfigService appConfig,
        EnrollSecretService enrollSecrets,
        OsqueryOptionsService osqueryOptions,
        CarveService carves) {

    public ApiServices {
        requireNonNull(setup, "setup is null");
        requireNonNull(sessions, "sessions is null");
        requireNonNull(users, "users is null");
        requireNonNull(queries, "queries is null");
        requireNonNull(packs, "packs is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(labels, "labels is null");
        requireNonNull(hosts, "hosts is null");
        requireNonNull(targets, "targets is null");
        requireNonNull(appConfig, "appConfig is null");
        requireNonNull(enrollSecrets, "enrollSecrets is null");
        requireNonNull(osqueryOptions, "osqueryOptions is null");
        requireNonNull(carves, "carves is null");
    }

    /**
     * The default services over one datastore.
     *
     * <pre>{@code
     * FleetConfig config = ...;
     * ApiServices api = ApiServices.create(datastore,
     *         new PasswordHasher(config.auth().bcryptCost(), config.auth().saltKeySize(), random),
     *         new SessionTokens(config.auth().jwtKey().reveal(), config.session().keySize(),
     *                 config.session().duration(), random, clock),
     *         new LoginRateLimiter(clock), config.session().duration(), clock, random,
     *         osqueryAuthCache::evict);
     * }</pre>
     *
     * @param sessionDuration {@code session.duration}: sessions unused for this long expire
     * @param onHostDeleted told the id of every host deleted through the API (the osquery side's auth-cache
     *     eviction), so that its node key is refused at once
     */
    public static ApiServices create(Datastore datastore, PasswordHasher hasher, SessionTokens tokens,
            LoginRateLimiter rateLimiter, Duration sessionDuration, Clock clock, SecureRandom random,
            LongConsumer onHostDeleted) {
        requireNonNull(datastore, "datastore is null");
        UserAccounts accounts = new UserAccounts(datastore.users(), hasher);
        HostDetailsLoader hostDetails = new HostDetailsLoader(datastore.labels(), clock);
        return new ApiServices(
                new DefaultSetupService(datastore, accounts, new SessionIssuer(datastore.sessions(), tokens), random),
                new DefaultSessionService(datastore.users(), datastore.sessions(), hasher, tokens, rateLimiter,
                        sessionDuration, clock),
                new DefaultUserService(datastore.users(), datastore.sessions(), accounts),
                new DefaultQueryService(datastore),
                new DefaultPackService(datastore, clock),
                new DefaultScheduleService(datastore),
                new DefaultLabelService(datastore, hostDetails, clock),
                new DefaultHostService(datastore.hosts(), hostDetails, clock, onHostDeleted),
                new DefaultTargetService(datastore, hostDetails, clock),
                new DefaultAppConfigService(datastore.appConfig()),
                new DefaultEnrollSecretService(datastore.enrollSecrets()),
                new DefaultOsqueryOptionsService(datastore.osqueryOptions()),
                new DefaultCarveService(datastore.carves()));
    }
}
