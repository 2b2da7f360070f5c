package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.auth.NodeKeys;
import dev.kolide.fleet.datastore.Datastore;
import dev.kolide.fleet.datastore.HostStore;
import dev.kolide.fleet.datastore.LabelStore;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.logging.LogDestinations;
import dev.kolide.fleet.service.osquery.cache.HostAuthCache;
import dev.kolide.fleet.service.osquery.cache.SeenTimeBatcher;
import dev.kolide.fleet.service.osquery.detail.DetailQueries;
import dev.kolide.fleet.service.osquery.snapshot.ConfigSnapshots;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link OsqueryService}, built for many hosts checking in often (reference §4): a steady check-in
 * (config or distributed read with nothing due, a known node key) writes nothing and reads nothing from the
 * database. Authentication goes through the {@link HostAuthCache}, check-in times through the
 * {@link SeenTimeBatcher}, configs and label queries come from the {@link ConfigSnapshots}. The statements each
 * call costs are in docs/fleet-osquery-api.md. Build it with {@link OsqueryModule}.
 */
public final class OsqueryServiceImpl implements OsqueryService {
    /** hosts.node_key's length: anything longer is no node key, and is refused without a lookup. */
    private static final int MAX_NODE_KEY = 255;

    private final HostStore hosts;
    private final LabelStore labels;
    private final HostAuthCache authCache;
    private final SeenTimeBatcher seenTimes;
    private final ConfigSnapshots snapshots;
    private final Clock clock;
    private final Enroller enroller;
    private final DistributedReads reads;
    private final DistributedWrites writes;
    private final LogSubmitter logs;
    private final Carver carver;

    /**
     * @param snapshotRefresh how often {@code snapshots} is reloaded (see {@link DistributedWrites})
     */
    public OsqueryServiceImpl(Datastore datastore, LogDestinations logDestinations, HostAuthCache authCache,
            SeenTimeBatcher seenTimes, ConfigSnapshots snapshots, LiveQuerySource liveQueries, NodeKeys nodeKeys,
            SecureRandom random, Clock clock, OsqueryServiceSettings settings, Duration snapshotRefresh) {
        requireNonNull(datastore, "datastore is null");
        this.hosts = datastore.hosts();
        this.labels = datastore.labels();
        this.authCache = requireNonNull(authCache, "authCache is null");
        this.seenTimes = requireNonNull(seenTimes, "seenTimes is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.clock = requireNonNull(clock, "clock is null");
        requireNonNull(liveQueries, "liveQueries is null");
        requireNonNull(settings, "settings is null");
        DetailQueries details = DetailQueries.kolide();
        this.enroller = new Enroller(datastore.enrollSecrets(), hosts, nodeKeys, details, authCache);
        this.reads = new DistributedReads(snapshots, details, liveQueries, authCache, settings, clock);
        this.writes = new DistributedWrites(hosts, labels, details, liveQueries, authCache, new ObjectMapper(), clock,
                requireNonNull(snapshotRefresh, "snapshotRefresh is null"));
        this.logs = new LogSubmitter(logDestinations);
        this.carver = new Carver(datastore.carves(), random, clock);
    }

    @Override
    public Enrollment enroll(EnrollRequest request) {
        return enroller.enroll(request);
    }

    @Override
    public AuthenticatedHost authenticate(String nodeKey) {
        requireNonNull(nodeKey, "nodeKey is null");
        if (nodeKey.isEmpty()) {
            throw new HostAuthenticationException("missing node key");
        }
        AuthenticatedHost host = authCache.get(nodeKey).orElseGet(() -> load(nodeKey));
        seenTimes.record(host.id(), clock.instant());
        return host;
    }

    /** A cache miss: the host and its label ids, two indexed reads, then cached. */
    private AuthenticatedHost load(String nodeKey) {
        if (nodeKey.length() > MAX_NODE_KEY) {
            throw new HostAuthenticationException("invalid node key");
        }
        long stamp = authCache.stamp();
        Host host = hosts.findByNodeKey(nodeKey)
                .orElseThrow(() -> new HostAuthenticationException("invalid node key"));
        Set<Long> labelIds = labels.listForHost(host.id()).stream().map(Label::id).collect(Collectors.toSet());
        AuthenticatedHost authenticated = new AuthenticatedHost(host, labelIds);
        authCache.put(nodeKey, authenticated, stamp);
        return authenticated;
    }

    @Override
    public ClientConfig config(AuthenticatedHost authenticated) {
        requireNonNull(authenticated, "authenticated is null");
        Host host = authenticated.host();
        ObjectNode config = ConfigAssembler.assemble(snapshots.current(), host.id(), host.inventory().platform(),
                authenticated.labelIds());
        // The served intervals decide when the host counts as online; written only when they change.
        HostIntervals served = ConfigAssembler.servedIntervals(config, host.intervals());
        if (!served.equals(host.intervals())) {
            try {
                hosts.saveIntervals(host.id(), served);
            } catch (NotFoundException e) {
                authCache.evict(host.id());
                throw new HostAuthenticationException("host " + host.id() + " no longer exists");
            }
            AuthenticatedHost updated = new AuthenticatedHost(HostChanges.withIntervals(host, served),
                    authenticated.labelIds());
            authCache.update(host.id(), cached -> updated);
        }
        return new ClientConfig(config);
    }

    @Override
    public DistributedQueries distributedRead(AuthenticatedHost host) {
        requireNonNull(host, "host is null");
        return reads.read(host);
    }

    @Override
    public void distributedWrite(AuthenticatedHost host, DistributedResults results) {
        requireNonNull(host, "host is null");
        requireNonNull(results, "results is null");
        writes.write(host, results);
    }

    @Override
    public void submitLogs(AuthenticatedHost host, LogType type, List<String> logLines) {
        requireNonNull(host, "host is null");
        logs.submit(host, type, logLines);
    }

    @Override
    public CarveSession carveBegin(AuthenticatedHost host, CarveBegin request) {
        requireNonNull(host, "host is null");
        return carver.begin(host.host(), request);
    }

    @Override
    public void carveBlock(CarveBlock block) {
        carver.block(block);
    }
}
