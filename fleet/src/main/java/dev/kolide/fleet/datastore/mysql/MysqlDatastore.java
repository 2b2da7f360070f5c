package dev.kolide.fleet.datastore.mysql;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.datastore.AppConfigStore;
import dev.kolide.fleet.datastore.CampaignStore;
import dev.kolide.fleet.datastore.CarveStore;
import dev.kolide.fleet.datastore.Datastore;
import dev.kolide.fleet.datastore.EnrollSecretStore;
import dev.kolide.fleet.datastore.HostStore;
import dev.kolide.fleet.datastore.InviteStore;
import dev.kolide.fleet.datastore.LabelStore;
import dev.kolide.fleet.datastore.OsqueryOptionsStore;
import dev.kolide.fleet.datastore.PackStore;
import dev.kolide.fleet.datastore.PasswordResetStore;
import dev.kolide.fleet.datastore.QueryStore;
import dev.kolide.fleet.datastore.ScheduledQueryStore;
import dev.kolide.fleet.datastore.SessionStore;
import dev.kolide.fleet.datastore.UserStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@link Datastore} on MySQL/MariaDB or embedded H2 (one SQL dialect), through Jdbi and HikariCP.
 * It takes ownership of the {@link Database}: {@link #close()} closes the pool. It does not migrate; run
 * {@link Migrations} first (or check them with {@link Migrations#requireUpToDate()}).
 */
public final class MysqlDatastore implements Datastore {
    private final Database database;
    private final Db db;
    private final HostStore hosts;
    private final LabelStore labels;
    private final QueryStore queries;
    private final PackStore packs;
    private final ScheduledQueryStore scheduledQueries;
    private final EnrollSecretStore enrollSecrets;
    private final UserStore users;
    private final SessionStore sessions;
    private final InviteStore invites;
    private final PasswordResetStore passwordResets;
    private final AppConfigStore appConfig;
    private final OsqueryOptionsStore osqueryOptions;
    private final CarveStore carves;
    private final CampaignStore campaigns;

    /**
     * @param clock stamps created_at/updated_at; times with meaning (seen, now) are the callers'
     */
    public MysqlDatastore(Database database, Clock clock) {
        this(database, clock, StatementListener.NONE);
    }

    /**
     * A datastore that tells {@code listener} of every statement it runs.
     *
     * @param clock stamps created_at/updated_at; times with meaning (seen, now) are the callers'
     */
    public MysqlDatastore(Database database, Clock clock, StatementListener listener) {
        this.database = requireNonNull(database, "database is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(listener, "listener is null");
        Jdbi jdbi = Jdbi.create(database.dataSource());
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                listener.executed(context.getRawSql());
            }

            @Override
            public void logException(StatementContext context, SQLException ex) {
                listener.executed(context.getRawSql());
            }
        });
        jdbi.registerArgument(new UtcInstantArgumentFactory());
        // for mapTo(Instant.class); the stores' row mappers read DATETIME columns through Columns.instant
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            LocalDateTime value = rs.getObject(column, LocalDateTime.class);
            return value == null ? null : value.toInstant(ZoneOffset.UTC);
        });
        this.db = new Db(jdbi);
        this.hosts = new MysqlHostStore(db, clock);
        this.labels = new MysqlLabelStore(db, clock);
        this.queries = new MysqlQueryStore(db, clock);
        this.packs = new MysqlPackStore(db, clock);
        this.scheduledQueries = new MysqlScheduledQueryStore(db, clock);
        this.enrollSecrets = new MysqlEnrollSecretStore(db, clock);
        this.users = new MysqlUserStore(db, clock);
        this.sessions = new MysqlSessionStore(db, clock);
        this.invites = new MysqlInviteStore(db, clock);
        this.passwordResets = new MysqlPasswordResetStore(db, clock);
        this.appConfig = new MysqlAppConfigStore(db, clock, new ObjectMapper());
        this.osqueryOptions = new MysqlOsqueryOptionsStore(db);
        this.carves = new MysqlCarveStore(db, clock);
        this.campaigns = new MysqlCampaignStore(db, clock);
    }

    @Override
    public HostStore hosts() {
        return hosts;
    }

    @Override
    public LabelStore labels() {
        return labels;
    }

    @Override
    public QueryStore queries() {
        return queries;
    }

    @Override
    public PackStore packs() {
        return packs;
    }

    @Override
    public ScheduledQueryStore scheduledQueries() {
        return scheduledQueries;
    }

    @Override
    public EnrollSecretStore enrollSecrets() {
        return enrollSecrets;
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public InviteStore invites() {
        return invites;
    }

    @Override
    public PasswordResetStore passwordResets() {
        return passwordResets;
    }

    @Override
    public AppConfigStore appConfig() {
        return appConfig;
    }

    @Override
    public OsqueryOptionsStore osqueryOptions() {
        return osqueryOptions;
    }

    @Override
    public CarveStore carves() {
        return carves;
    }

    @Override
    public CampaignStore campaigns() {
        return campaigns;
    }

    @Override
    public void ping() {
        db.call("pinging " + database.description(), h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
    }

    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return "MysqlDatastore[" + database.description() + "]";
    }
}
