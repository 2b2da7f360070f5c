package dev.kolide.launcher.enroll;

import dev.kolide.launcher.service.DistributedQuery;
import dev.kolide.launcher.service.EnrollmentDetails;
import dev.kolide.launcher.service.KolideService;
import dev.kolide.launcher.service.LogKind;
import dev.kolide.launcher.service.NodeInvalidException;
import dev.kolide.launcher.service.QueryResult;
import dev.kolide.launcher.service.ServiceUnavailableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server for the launcher's unit tests: issues node keys, accepts only keys it issued, and can be taken down.
 * What it received is kept for assertions. (The real protocol is proven against fleet in cmd/launcher's ITs.)
 */
public final class ScriptedServer implements KolideService {
    public final List<EnrollmentDetails> enrollments = new CopyOnWriteArrayList<>();
    public final List<String> resultLogs = Collections.synchronizedList(new ArrayList<>());
    public final List<String> statusLogs = Collections.synchronizedList(new ArrayList<>());
    public final List<QueryResult> results = new CopyOnWriteArrayList<>();
    public final AtomicInteger publishCalls = new AtomicInteger();
    private final Set<String> validKeys = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile boolean down;
    private volatile String secret = "secret";
    private volatile String config = "{\"schedule\":{}}";
    private volatile List<DistributedQuery> queries = List.of();

    public void down(boolean down) {
        this.down = down;
    }

    public void secret(String secret) {
        this.secret = secret;
    }

    public void config(String config) {
        this.config = config;
    }

    public void queries(List<DistributedQuery> queries) {
        this.queries = List.copyOf(queries);
    }

    /** Forgets every node key it issued, as a server does when a host is deleted. */
    public void revokeAll() {
        validKeys.clear();
    }

    private void check(String nodeKey) {
        if (down) {
            throw new ServiceUnavailableException("connection refused");
        }
        if (!validKeys.contains(nodeKey)) {
            throw new NodeInvalidException("node key invalid");
        }
    }

    @Override
    public String requestEnrollment(String enrollSecret, String hostIdentifier, EnrollmentDetails details) {
        if (down) {
            throw new ServiceUnavailableException("connection refused");
        }
        if (!secret.equals(enrollSecret)) {
            throw new NodeInvalidException("enroll secret refused");
        }
        enrollments.add(details);
        String key = "key-" + issued.incrementAndGet();
        validKeys.add(key);
        return key;
    }

    @Override
    public String requestConfig(String nodeKey) {
        check(nodeKey);
        return config;
    }

    @Override
    public List<DistributedQuery> requestQueries(String nodeKey) {
        check(nodeKey);
        return queries;
    }

    @Override
    public void publishLogs(String nodeKey, LogKind kind, List<String> logs) {
        check(nodeKey);
        publishCalls.incrementAndGet();
        (kind == LogKind.STATUS ? statusLogs : resultLogs).addAll(logs);
    }

    @Override
    public void publishResults(String nodeKey, List<QueryResult> results) {
        check(nodeKey);
        this.results.addAll(results);
    }

    @Override
    public boolean checkHealth(String nodeKey) {
        return !down;
    }
}
