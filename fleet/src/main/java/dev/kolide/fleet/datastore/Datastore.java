package dev.kolide.fleet.datastore;

/**
 * Everything fleet stores, one store per concern, over one connection pool. Built once in {@code main} and
 * passed to the services; thread-safe; {@link #close()} closes the pool.
 */
public interface Datastore extends AutoCloseable {

    HostStore hosts();

    LabelStore labels();

    QueryStore queries();

    PackStore packs();

    ScheduledQueryStore scheduledQueries();

    EnrollSecretStore enrollSecrets();

    UserStore users();

    SessionStore sessions();

    InviteStore invites();

    PasswordResetStore passwordResets();

    AppConfigStore appConfig();

    OsqueryOptionsStore osqueryOptions();

    CarveStore carves();

    CampaignStore campaigns();

    /** Round trip to the database; throws DatastoreException when it is unreachable (for /healthz). */
    void ping();

    @Override
    void close();
}
