package dev.kolide.fleet.service.osquery;

import java.util.List;

/**
 * What an osquery host (or a launcher speaking for one) can ask of fleet, whatever the wire: the osquery TLS API
 * ({@code transport/http/osquery}), and the launcher's gRPC and JSON-RPC (through {@code service/launcher}).
 * Transports decode their wire form, call this, and encode the answer; nothing here knows about JSON bodies or
 * headers.
 *
 * <p>Every call but {@link #enroll} and {@link #carveBlock} starts with {@link #authenticate}, whose result the
 * transport passes back in. Failures are this package's exceptions:
 * <ul>
 *   <li>{@link HostAuthenticationException}: the node key or enroll secret is refused; the host must enroll again
 *       (osquery: {@code "node_invalid": true});</li>
 *   <li>{@link InvalidOsqueryRequestException}: the request is malformed or out of bounds (HTTP 400);</li>
 *   <li>{@link CarveSessionException}: a carve block names no carve this host began (HTTP 401, no node_invalid);</li>
 *   <li>{@link LogsNotStoredException}: a log destination failed; the host must keep its logs and resend;</li>
 *   <li>{@link dev.kolide.fleet.datastore.DatastoreException}: the database failed.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface OsqueryService {

    /**
     * Enrolls a host (or re-enrolls it, rotating its node key) with an active enroll secret.
     *
     * @throws HostAuthenticationException when no active secret matches
     */
    Enrollment enroll(EnrollRequest request);

    /**
     * The host {@code nodeKey} belongs to, and its labels; records the check-in.
     *
     * @throws HostAuthenticationException for an empty or unknown key
     */
    AuthenticatedHost authenticate(String nodeKey);

    /** The host's osquery config: options and decorators for its platform, and the packs that target it. */
    ClientConfig config(AuthenticatedHost host);

    /** The queries the host should run now: detail, additional and label queries when due, live queries. */
    DistributedQueries distributedRead(AuthenticatedHost host);

    /** Takes in the host's answers to what {@link #distributedRead} handed out. */
    void distributedWrite(AuthenticatedHost host, DistributedResults results);

    /**
     * Appends the host's logs to the destination for {@code type}, one JSON document per element.
     *
     * @throws LogsNotStoredException when the destination failed: nothing is known to be stored
     */
    void submitLogs(AuthenticatedHost host, LogType type, List<String> logs);

    /** Begins a file carve the host announced; the session it returns authenticates the blocks. */
    CarveSession carveBegin(AuthenticatedHost host, CarveBegin request);

    /**
     * Stores one block of a carve. Blocks carry no node key: the session id and request id authenticate them.
     *
     * @throws CarveSessionException when they name no carve
     */
    void carveBlock(CarveBlock block);
}
