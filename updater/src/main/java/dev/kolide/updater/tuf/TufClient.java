package dev.kolide.updater.tuf;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A TUF client for one Notary GUN (spec 1.0.34 §5 in Notary's flavour; see docs/tuf-client.md): refreshes root,
 * timestamp, snapshot and the targets tree from a {@link RemoteRepository}, verifies them, and keeps the exact
 * served bytes of what it trusts in the local repository directory. A cycle that fails writes nothing, except
 * the intermediate roots it has verified (as the spec says).
 */
public final class TufClient {

    private final TrustedStore store;
    private final String gun;
    private final RemoteRepository remote;
    private final Clock clock;
    private final Limits limits;

    // the trusted state; guarded by this
    private RootMetadata root;
    private long timestampVersion;
    private Map<String, Target> targets;

    private TufClient(TrustedStore store, String gun, RemoteRepository remote, Clock clock, Limits limits) {
        this.store = store;
        this.gun = gun;
        this.remote = remote;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Verifies {@code rootJson} is a root signed by its own threshold (and, for x509 keys, with certificates valid
     * for {@code gun}) and writes it as {@code <localRepo>/root.json}; refuses when a trusted root already exists
     * unless {@code replace} is true (which also drops the other trusted metadata).
     *
     * @throws VerificationFailedException when the root does not verify
     * @throws IllegalStateException when a trusted root exists and {@code replace} is false
     */
    public static void bootstrap(Path localRepo, String gun, byte[] rootJson, Clock clock, boolean replace) {
        requireNonNull(gun, "gun is null");
        requireNonNull(rootJson, "rootJson is null");
        TrustedStore store = new TrustedStore(requireDirectory(localRepo));
        Instant now = clock.instant();
        RootMetadata root = RootMetadata.parse(rootJson);
        try {
            root.rootKeysFor(gun, now, true).verify(root.metadata());
        } catch (VerificationFailedException e) {
            String problems = root.certificateProblems(gun, now);
            if (problems != null) {
                throw new VerificationFailedException("root", "certificate", problems, e);
            }
            throw e;
        }
        if (store.read("root").isPresent()) {
            if (!replace) {
                throw new IllegalStateException("a trusted root already exists in " + localRepo
                        + "; replace it explicitly to bootstrap again");
            }
            store.deleteAllButRoot();
        }
        store.write("root", rootJson);
    }

    /** Opens a bootstrapped local repository with {@link Limits#defaults()}. */
    public static TufClient open(Path localRepo, String gun, RemoteRepository remote, Clock clock) {
        return open(localRepo, gun, remote, clock, Limits.defaults());
    }

    /**
     * Opens a bootstrapped local repository; its root must verify with its own threshold (its expiry is ignored
     * until the next {@link #update()}, spec 5.2).
     *
     * @throws NotBootstrappedException when there is no trusted root
     * @throws VerificationFailedException when the trusted root does not verify
     */
    public static TufClient open(Path localRepo, String gun, RemoteRepository remote, Clock clock, Limits limits) {
        requireNonNull(gun, "gun is null");
        TrustedStore store = new TrustedStore(requireDirectory(localRepo));
        TufClient client = new TufClient(store, gun, requireNonNull(remote, "remote is null"),
                requireNonNull(clock, "clock is null"), requireNonNull(limits, "limits is null"));
        RootMetadata root = client.loadTrustedRoot(clock.instant());
        client.adopt(root, client.loadTrusted(root));
        return client;
    }

    /**
     * One refresh cycle (spec §5): root chain, timestamp, snapshot, targets and delegations, then the new
     * metadata is stored.
     *
     * @throws VerificationFailedException when metadata fails a check (the message names role and check)
     * @throws FetchFailedException when the server could not be reached or lacks a required file
     */
    public synchronized UpdateResult update() {
        Instant now = clock.instant(); // 5.1: one reference time for every expiry check of the cycle
        RootMetadata startRoot = loadTrustedRoot(now);
        Map<String, Target> before = loadTrusted(startRoot).targets();

        RootMetadata newRoot = updateRoot(startRoot, now);
        Trusted trusted = loadTrusted(newRoot);
        root = newRoot;

        Cycle cycle = new Cycle(newRoot, trusted, now);
        Optional<UpdateResult> quiet = cycle.timestamp();
        if (quiet.isPresent()) {
            adopt(newRoot, trusted);
            return quiet.get();
        }
        cycle.snapshot();
        TargetsResolver.Resolution resolution = cycle.targets();

        // every check passed: store delegations and targets before snapshot and timestamp
        for (Map.Entry<String, TargetsMetadata> e : resolution.delegatedRoles().entrySet()) {
            store.write(e.getKey(), e.getValue().metadata().raw());
        }
        store.write("targets", cycle.newTargets.metadata().raw());
        store.write("snapshot", cycle.newSnapshot.metadata().raw());
        store.write("timestamp", cycle.newTimestamp.metadata().raw());
        timestampVersion = cycle.newTimestamp.metadata().version();
        targets = Map.copyOf(resolution.targets());

        Set<String> changed = new HashSet<>();
        for (Target t : resolution.targets().values()) {
            Target old = before.get(t.name());
            if (old == null || !sameContent(old, t)) {
                changed.add(t.name());
            }
        }
        return new UpdateResult(resolution.targets(), changed, true);
    }

    /** Every target of the trusted metadata, resolved through delegations (first match in pre-order wins). */
    public synchronized Map<String, Target> targets() {
        return new UpdateResult(targets, Set.of(), false).targets();
    }

    /** @throws NoSuchTargetException when no trusted role (allowed to) lists {@code name} */
    public synchronized Target target(String name) {
        Target t = targets.get(name);
        if (t == null) {
            throw new NoSuchTargetException(name);
        }
        return t;
    }

    public synchronized int rootVersion() {
        return root.version();
    }

    /** The trusted timestamp's version, 0 before the first successful update. */
    public synchronized long timestampVersion() {
        return timestampVersion;
    }

    /** Whether the trusted root has {@code consistent_snapshot} (Notary: false). */
    public synchronized boolean consistentSnapshot() {
        return root.consistentSnapshot();
    }

    /**
     * The name to download a target under from the mirror: the target name, or with consistent snapshots
     * {@code dir/<sha256 hex>.basename} (spec 5.7.3).
     */
    public synchronized String downloadName(Target target) {
        if (!root.consistentSnapshot()) {
            return target.name();
        }
        byte[] hash = target.hashes().containsKey("sha256") ? target.hashes().get("sha256")
                : target.hashes().get("sha512");
        if (hash == null) {
            throw new VerificationFailedException(target.name(), "hash", "no sha256 or sha512 hash to name it by");
        }
        int slash = target.name().lastIndexOf('/');
        return target.name().substring(0, slash + 1) + HexFormat.of().formatHex(hash) + "."
                + target.name().substring(slash + 1);
    }

    // ---- root (5.2, 5.3)

    private RootMetadata loadTrustedRoot(Instant now) {
        byte[] raw = store.read("root").orElseThrow(() -> new NotBootstrappedException(
                "no trusted root.json in " + store.dir() + ": bootstrap the client first"));
        RootMetadata trusted = RootMetadata.parse(raw);
        trusted.rootKeysFor(gun, now, false).verify(trusted.metadata());
        return trusted;
    }

    private RootMetadata updateRoot(RootMetadata start, Instant now) {
        RootMetadata trusted = start;
        for (int i = 0; i < limits.maxRootFiles(); i++) {
            long next = trusted.metadata().version() + 1;
            Optional<byte[]> raw = fetch("root", next + ".root.json", limits.rootBytes());
            if (raw.isEmpty()) {
                break;
            }
            RootMetadata candidate = RootMetadata.parse(raw.get());
            // 5.3.4: the old root's threshold of its root keys, then the new root's own threshold of its keys
            trusted.rootKeysFor(gun, now, false).verify(candidate.metadata());
            candidate.rootKeysFor(gun, now, false).verify(candidate.metadata());
            if (candidate.metadata().version() != next) {
                throw new VerificationFailedException("root", "version", next + ".root.json has version "
                        + candidate.metadata().version());
            }
            store.write("root", raw.get()); // 5.3.8: persisted even if the cycle fails later
            trusted = candidate;
        }
        root = trusted;
        // 5.3.10: freeze check on the final root only; Notary's certificate checks likewise
        trusted.metadata().checkNotExpired(now);
        String problems = trusted.certificateProblems(gun, now);
        if (problems != null) {
            try {
                trusted.rootKeysFor(gun, now, true).verify(trusted.metadata());
            } catch (VerificationFailedException e) {
                throw new VerificationFailedException("root", "certificate", problems, e);
            }
        }
        // 5.3.11: fast-forward recovery after timestamp or snapshot keys rotated
        if (!sameKeys(start.role("timestamp"), trusted.role("timestamp"))
                || !sameKeys(start.role("snapshot"), trusted.role("snapshot"))) {
            store.delete("timestamp");
            store.delete("snapshot");
        }
        return trusted;
    }

    private static boolean sameKeys(RoleKeys a, RoleKeys b) {
        return a.keyIds().equals(b.keyIds()) && a.threshold() == b.threshold();
    }

    // ---- the trusted state on disk

    /** Trusted metadata on disk that still verifies with the given root (signatures only, no expiry). */
    private record Trusted(Optional<TimestampMetadata> timestamp, Optional<SnapshotMetadata> snapshot,
            Optional<TargetsMetadata> targetsRole, Map<String, TargetsMetadata> delegatedRoles,
            Map<String, Target> targets) {
    }

    private Trusted loadTrusted(RootMetadata trustedRoot) {
        Optional<TimestampMetadata> ts = store.read("timestamp").flatMap(raw -> verifiedOrEmpty(() -> {
            TimestampMetadata t = TimestampMetadata.parse(raw);
            trustedRoot.role("timestamp").verify(t.metadata());
            return t;
        }));
        Optional<SnapshotMetadata> snap = store.read("snapshot").flatMap(raw -> verifiedOrEmpty(() -> {
            SnapshotMetadata s = SnapshotMetadata.parse(raw);
            trustedRoot.role("snapshot").verify(s.metadata());
            return s;
        }));
        Optional<TargetsMetadata> top = store.read("targets").flatMap(raw -> verifiedOrEmpty(() -> {
            snap.map(s -> s.meta().get("targets")).ifPresent(m -> m.check("targets", raw));
            TargetsMetadata t = TargetsMetadata.parse("targets", raw);
            trustedRoot.role("targets").verify(t.metadata());
            return t;
        }));
        if (top.isEmpty()) {
            return new Trusted(ts, snap, top, Map.of(), Map.of());
        }
        Optional<TargetsResolver.Resolution> resolution = verifiedOrEmpty(() -> TargetsResolver.resolve(top.get(),
                (role, keys) -> store.read(role).flatMap(raw -> verifiedOrEmpty(() -> {
                    snap.map(s -> s.meta().get(role)).ifPresent(m -> m.check(role, raw));
                    TargetsMetadata t = TargetsMetadata.parse(role, raw);
                    keys.verify(t.metadata());
                    return t;
                })).orElse(null), limits.maxDelegatedRoles()));
        return new Trusted(ts, snap, top, resolution.map(TargetsResolver.Resolution::delegatedRoles).orElse(Map.of()),
                resolution.map(TargetsResolver.Resolution::targets).orElse(Map.of()));
    }

    private interface Verification<T> {
        T get();
    }

    private static <T> Optional<T> verifiedOrEmpty(Verification<T> v) {
        try {
            return Optional.of(v.get());
        } catch (TufException e) {
            return Optional.empty();
        }
    }

    private void adopt(RootMetadata trustedRoot, Trusted trusted) {
        root = trustedRoot;
        timestampVersion = trusted.timestamp().map(t -> t.metadata().version()).orElse(0L);
        targets = Map.copyOf(trusted.targets());
    }

    // ---- fetching

    private Optional<byte[]> fetch(String role, String name, long maxBytes) {
        Optional<byte[]> body;
        try {
            body = remote.fetch(name, maxBytes);
        } catch (TufException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FetchFailedException(role, "fetching " + name + ": " + e, e);
        }
        if (body == null) {
            throw new FetchFailedException(role, "fetching " + name + ": no answer", null);
        }
        if (body.isPresent() && body.get().length > maxBytes) {
            throw new VerificationFailedException(role, "length", name + " is longer than the " + maxBytes
                    + " bytes allowed");
        }
        return body;
    }

    private byte[] fetchRequired(String role, String name, long maxBytes) {
        return fetch(role, name, maxBytes).orElseThrow(() -> new FetchFailedException(role,
                name + " not found (404)", null));
    }

    private static boolean sameContent(Target a, Target b) {
        if (a.length() != b.length() || !a.hashes().keySet().equals(b.hashes().keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : a.hashes().entrySet()) {
            if (!Arrays.equals(e.getValue(), b.hashes().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static Path requireDirectory(Path localRepo) {
        requireNonNull(localRepo, "localRepo is null");
        if (!Files.isDirectory(localRepo)) {
            throw new IllegalArgumentException("local repository " + localRepo + " is not a directory");
        }
        return localRepo;
    }

    /** The timestamp → snapshot → targets part of one cycle; nothing here writes to the store. */
    private final class Cycle {
        private final RootMetadata cycleRoot;
        private final Trusted trusted;
        private final Instant now;
        private TimestampMetadata newTimestamp;
        private SnapshotMetadata newSnapshot;
        private TargetsMetadata newTargets;

        Cycle(RootMetadata cycleRoot, Trusted trusted, Instant now) {
            this.cycleRoot = cycleRoot;
            this.trusted = trusted;
            this.now = now;
        }

        /** 5.4; a result when the server's timestamp is the trusted one (nothing new). */
        Optional<UpdateResult> timestamp() {
            byte[] raw = fetchRequired("timestamp", "timestamp.json", limits.timestampBytes());
            TimestampMetadata ts = TimestampMetadata.parse(raw);
            cycleRoot.role("timestamp").verify(ts.metadata());
            if (trusted.timestamp().isPresent()) {
                TimestampMetadata old = trusted.timestamp().get();
                long oldVersion = old.metadata().version();
                if (ts.metadata().version() < oldVersion) {
                    throw new VerificationFailedException("timestamp", "rollback", "version "
                            + ts.metadata().version() + " is lower than the trusted " + oldVersion);
                }
                if (ts.metadata().version() == oldVersion && trusted.snapshot().isPresent()
                        && trusted.targetsRole().isPresent()) {
                    // 5.4.3.1: nothing new; a trusted timestamp past its expiry is still a freeze
                    old.metadata().checkNotExpired(now);
                    return Optional.of(new UpdateResult(trusted.targets(), Set.of(), false));
                }
                if (old.snapshot().version().isPresent() && ts.snapshot().version().isPresent()
                        && ts.snapshot().version().getAsLong() < old.snapshot().version().getAsLong()) {
                    throw new VerificationFailedException("timestamp", "rollback", "snapshot version "
                            + ts.snapshot().version().getAsLong() + " is lower than the trusted "
                            + old.snapshot().version().getAsLong());
                }
            }
            ts.metadata().checkNotExpired(now);
            newTimestamp = ts;
            return Optional.empty();
        }

        /** 5.5. */
        void snapshot() {
            FileMeta meta = newTimestamp.snapshot();
            byte[] raw = fetchPinned("snapshot", meta);
            SnapshotMetadata snap = SnapshotMetadata.parse(raw);
            cycleRoot.role("snapshot").verify(snap.metadata());
            checkMetaVersion("snapshot", meta, snap.metadata());
            if (trusted.snapshot().isPresent()) {
                SnapshotMetadata old = trusted.snapshot().get();
                if (snap.metadata().version() < old.metadata().version()) {
                    throw new VerificationFailedException("snapshot", "rollback", "version "
                            + snap.metadata().version() + " is lower than the trusted " + old.metadata().version());
                }
                for (Map.Entry<String, FileMeta> e : old.meta().entrySet()) {
                    if (e.getKey().equals("root")) {
                        continue;
                    }
                    FileMeta current = snap.meta().get(e.getKey());
                    if (current == null) {
                        throw new VerificationFailedException("snapshot", "rollback", "role " + e.getKey()
                                + " is no longer listed");
                    }
                    if (e.getValue().version().isPresent() && current.version().isPresent()
                            && current.version().getAsLong() < e.getValue().version().getAsLong()) {
                        throw new VerificationFailedException("snapshot", "rollback", "version of " + e.getKey()
                                + " went down to " + current.version().getAsLong());
                    }
                }
            }
            snap.metadata().checkNotExpired(now);
            newSnapshot = snap;
        }

        /** 5.6, including the delegations (5.6.7). */
        TargetsResolver.Resolution targets() {
            FileMeta meta = newSnapshot.meta().get("targets");
            if (meta == null) {
                throw Json.format("snapshot", "no meta for targets");
            }
            newTargets = loadTargets("targets", meta, cycleRoot.role("targets"),
                    trusted.targetsRole().orElse(null));
            return TargetsResolver.resolve(newTargets, (role, keys) -> {
                FileMeta m = newSnapshot.meta().get(role);
                // a delegated role the snapshot does not list is not used
                return m == null ? null : loadTargets(role, m, keys, trusted.delegatedRoles().get(role));
            }, limits.maxDelegatedRoles());
        }

        private TargetsMetadata loadTargets(String role, FileMeta meta, RoleKeys keys, TargetsMetadata old) {
            byte[] raw = reuseOrFetch(role, meta);
            TargetsMetadata t = TargetsMetadata.parse(role, raw);
            keys.verify(t.metadata()); // also a cached copy: verified against the current delegator's keys
            checkMetaVersion(role, meta, t.metadata());
            // only a trusted copy that still verifies with the current keys is a rollback reference
            if (old != null && t.metadata().version() < old.metadata().version() && verifies(keys, old)) {
                throw new VerificationFailedException(role, "rollback", "version " + t.metadata().version()
                        + " is lower than the trusted " + old.metadata().version());
            }
            t.metadata().checkNotExpired(now);
            return t;
        }

        private boolean verifies(RoleKeys keys, TargetsMetadata md) {
            try {
                keys.verify(md.metadata());
                return true;
            } catch (VerificationFailedException e) {
                return false;
            }
        }

        /** The trusted copy when it is what the snapshot pins (saves a download), else the served file. */
        private byte[] reuseOrFetch(String role, FileMeta meta) {
            if (meta.pinsContent() && !meta.hashes().isEmpty()) {
                Optional<byte[]> cached = store.read(role);
                if (cached.isPresent()) {
                    try {
                        meta.check(role, cached.get());
                        return cached.get();
                    } catch (VerificationFailedException e) {
                        // stale copy: fetch the new one
                    }
                }
            }
            return fetchPinned(role, meta);
        }

        /** Fetches a file capped at the length its meta gives and checks length and hashes before parsing. */
        private byte[] fetchPinned(String role, FileMeta meta) {
            long cap = meta.length().orElse(limits.unknownLengthBytes());
            byte[] raw = fetchRequired(role, metadataName(role, meta), cap);
            meta.check(role, raw);
            return raw;
        }

        private String metadataName(String role, FileMeta meta) {
            if (!cycleRoot.consistentSnapshot()) {
                return RoleNames.fileName(role, 0, false);
            }
            if (meta.version().isPresent()) {
                return RoleNames.fileName(role, meta.version().getAsLong(), true);
            }
            byte[] sha256 = meta.hashes().get("sha256");
            if (sha256 != null) {
                // Notary's checksum name, for meta without versions
                return role + "." + HexFormat.of().formatHex(sha256) + ".json";
            }
            throw new VerificationFailedException(role, "consistent_snapshot",
                    "consistent snapshots need a version or a sha256 in the meta for " + role);
        }

        private void checkMetaVersion(String role, FileMeta meta, SignedMetadata md) {
            if (meta.version().isPresent() && meta.version().getAsLong() != md.version()) {
                throw new VerificationFailedException(role, "version", "version " + md.version()
                        + ", the parent's meta says " + meta.version().getAsLong());
            }
        }
    }
}
