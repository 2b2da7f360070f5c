package dev.kolide.launcher.enroll;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.flags.GoDuration;
import dev.kolide.launcher.service.EnrollmentDetails;
import dev.kolide.launcher.service.KolideService;
import dev.kolide.launcher.service.NodeInvalidException;
import dev.kolide.launcher.service.ServiceUnavailableException;
import dev.kolide.launcher.store.LauncherStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's node key: kept in memory and in launcher.db, obtained by enrolling when there is none
 * (reference launcher.md §1.5), and renewed when the server says it is no longer valid.
 *
 * <p>{@link #call} retries a refused call exactly once after enrolling again, so a deleted host comes back on its
 * own but a server that refuses every key cannot make the launcher loop. A failed enrollment (a wrong or retired
 * secret, or a server that cannot be reached) is not retried on every osqueryd request either: further attempts
 * wait a back-off that doubles from 2 s up to two minutes, and each failure is logged with its reason; the
 * re-enroll loops Kolide's users reported (#366, #1482) cannot happen.
 */
public final class NodeKeys {
    private static final Logger LOG = LoggerFactory.getLogger(NodeKeys.class);
    static final String KEY = "nodeKey";
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

    private final KolideService service;
    private final LauncherStore store;
    private final Supplier<String> enrollSecret;
    private final Supplier<EnrollmentDetails> details;
    private final Clock clock;

    private String nodeKey;
    private Instant nextEnrollment = Instant.MIN;
    private Duration backoff = FIRST_BACKOFF;
    private RuntimeException lastFailure;

    /**
     * @param enrollSecret read at each enrollment, so an operator can replace a secret file without a restart
     * @param details what the host is; asked only when enrolling
     */
    public NodeKeys(KolideService service, LauncherStore store, Supplier<String> enrollSecret,
            Supplier<EnrollmentDetails> details, Clock clock) {
        this.service = requireNonNull(service, "service is null");
        this.store = requireNonNull(store, "store is null");
        this.enrollSecret = requireNonNull(enrollSecret, "enrollSecret is null");
        this.details = requireNonNull(details, "details is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The node key, enrolling first when neither memory nor launcher.db holds one. */
    public synchronized String nodeKey() {
        if (nodeKey != null) {
            return nodeKey;
        }
        String stored = store.get(KEY).filter(key -> !key.isBlank()).orElse(null);
        if (stored != null) {
            nodeKey = stored;
            return nodeKey;
        }
        return enroll();
    }

    /**
     * Runs {@code rpc} with the node key; when the server refuses the key, forgets it, enrolls again and runs
     * {@code rpc} once more.
     */
    public <T> T call(Function<String, T> rpc) {
        String key = nodeKey();
        try {
            return rpc.apply(key);
        } catch (NodeInvalidException refused) {
            LOG.atInfo().addKeyValue("reason", refused.getMessage()).log("server refused the node key; enrolling again");
            invalidate(key);
            return rpc.apply(nodeKey());
        }
    }

    /** Forgets {@code staleKey} (the server refused it) unless another thread already replaced it. */
    public synchronized void invalidate(String staleKey) {
        if (staleKey.equals(nodeKey) || nodeKey == null) {
            nodeKey = null;
            store.get(KEY).filter(staleKey::equals).ifPresent(k -> store.delete(KEY));
        }
    }

    private String enroll() {
        Instant now = clock.instant();
        if (now.isBefore(nextEnrollment)) {
            String message = "not enrolled: the last attempt failed (" + lastFailure.getMessage()
                    + "); next attempt after " + nextEnrollment;
            throw lastFailure instanceof NodeInvalidException
                    ? new NodeInvalidException(message) : new ServiceUnavailableException(message, lastFailure);
        }
        String key;
        String identifier = HostIdentity.of(store);
        try {
            String secret = enrollSecret.get();
            if (secret == null || secret.isBlank()) {
                throw new EnrollmentException("no enroll secret: set --enroll_secret or --enroll_secret_path");
            }
            key = service.requestEnrollment(secret, identifier, details.get());
            if (key == null || key.isBlank()) {
                throw new NodeInvalidException("the server enrolled this host but sent no node key");
            }
        } catch (RuntimeException e) {
            lastFailure = e;
            nextEnrollment = now.plus(backoff);
            LOG.atWarn().addKeyValue("err", e.getMessage()).addKeyValue("retry_in", GoDuration.format(backoff))
                    .log(e instanceof NodeInvalidException ? "enrollment refused; check the enroll secret"
                            : "enrollment failed");
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
            throw e;
        }
        store.put(KEY, key);
        nodeKey = key;
        backoff = FIRST_BACKOFF;
        nextEnrollment = Instant.MIN;
        lastFailure = null;
        LOG.atInfo().addKeyValue("host_identifier", identifier).log("enrolled");
        return key;
    }
}
