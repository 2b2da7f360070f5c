package dev.kolide.perf.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.service.osquery.AuthenticatedHost;
import dev.kolide.fleet.service.osquery.CarveBegin;
import dev.kolide.fleet.service.osquery.CarveBlock;
import dev.kolide.fleet.service.osquery.CarveSession;
import dev.kolide.fleet.service.osquery.ClientConfig;
import dev.kolide.fleet.service.osquery.DistributedQueries;
import dev.kolide.fleet.service.osquery.DistributedResults;
import dev.kolide.fleet.service.osquery.EnrollRequest;
import dev.kolide.fleet.service.osquery.Enrollment;
import dev.kolide.fleet.service.osquery.InvalidOsqueryRequestException;
import dev.kolide.fleet.service.osquery.LogType;
import dev.kolide.fleet.service.osquery.OsqueryService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The osquery service that does nothing: every key is accepted, every config is the same small one, there are never
 * queries, results and logs are dropped. Behind fleet's real transport it measures what the transport alone
 * (Jetty, TLS, routing, JSON) can carry: the ceiling fleet's own service is compared with.
 */
final class NoopOsqueryService implements OsqueryService {
    private final AuthenticatedHost host;
    private final ClientConfig config;

    NoopOsqueryService(ObjectMapper json) {
        Instant now = Instant.now();
        this.host = new AuthenticatedHost(new Host(1, "noop", "noop-node-key", "default", now, now, now, now, now,
                HostInventory.empty(), HostIntervals.unknown(), null), Set.of());
        ObjectNode body = json.createObjectNode();
        body.putObject("options").put("distributed_interval", 10).put("logger_tls_period", 10)
                .put("disable_distributed", false).put("pack_delimiter", "/");
        body.putObject("decorators").putArray("load").add("SELECT uuid AS host_uuid FROM system_info;");
        body.putObject("packs");
        this.config = new ClientConfig(body);
    }

    @Override
    public Enrollment enroll(EnrollRequest request) {
        return new Enrollment(1, "noop-node-key");
    }

    @Override
    public AuthenticatedHost authenticate(String nodeKey) {
        return host;
    }

    @Override
    public ClientConfig config(AuthenticatedHost host) {
        return config;
    }

    @Override
    public DistributedQueries distributedRead(AuthenticatedHost host) {
        return new DistributedQueries(Map.of(), 0);
    }

    @Override
    public void distributedWrite(AuthenticatedHost host, DistributedResults results) {
        // dropped
    }

    @Override
    public void submitLogs(AuthenticatedHost host, LogType type, List<String> logs) {
        // dropped
    }

    @Override
    public CarveSession carveBegin(AuthenticatedHost host, CarveBegin request) {
        throw new InvalidOsqueryRequestException("the no-op server does not carve");
    }

    @Override
    public void carveBlock(CarveBlock block) {
        throw new InvalidOsqueryRequestException("the no-op server does not carve");
    }
}
