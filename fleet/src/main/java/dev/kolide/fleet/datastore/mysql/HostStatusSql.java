package dev.kolide.fleet.datastore.mysql;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.HostStatus;
import java.time.Instant;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * {@link HostStatus}'s rule as SQL conditions on the hosts table (aliased {@code h}), with the same constants,
 * so lists, counts and {@code HostStatus.of} agree. Each condition uses the parameters {@link #bind} sets.
 */
final class HostStatusSql {
    private HostStatusSql() {}

    private static final String NOT_MIA = "h.seen_time > :miaCutoff";
    // seen_time + min(distributed_interval, config_tls_refresh) + buffer, compared with now
    private static final String ONLINE_UNTIL =
            "TIMESTAMPADD(SECOND, LEAST(h.distributed_interval, h.config_tls_refresh) + :onlineBufferSeconds, h.seen_time)";

    static final String ONLINE = "(" + NOT_MIA + " AND " + ONLINE_UNTIL + " > :now)";
    static final String OFFLINE = "(" + NOT_MIA + " AND " + ONLINE_UNTIL + " <= :now)";
    static final String MIA = "(h.seen_time <= :miaCutoff)";
    static final String NEW = "(h.created_at > :newCutoff)";

    static String condition(HostStatus status) {
        return switch (requireNonNull(status, "status is null")) {
            case ONLINE -> ONLINE;
            case OFFLINE -> OFFLINE;
            case MIA -> MIA;
            case NEW -> NEW;
        };
    }

    /** Binds the parameters of every condition for the instant {@code now}. */
    static <S extends SqlStatement<S>> S bind(S statement, Instant now) {
        requireNonNull(now, "now is null");
        // A query uses some of the four; the others would otherwise be refused as superfluous.
        return statement
                .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
                .bind("now", now)
                .bind("miaCutoff", now.minus(HostStatus.MIA_AFTER))
                .bind("newCutoff", now.minus(HostStatus.NEW_FOR))
                .bind("onlineBufferSeconds", HostStatus.ONLINE_BUFFER.toSeconds());
    }
}
