package dev.kolide.updater.tuf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory Notary: serves files by name, records every request with the cap the client asked for, and can
 * misbehave (endless bodies, bodies ignoring the cap, failures).
 */
final class FakeRemote implements RemoteRepository {

    record Request(String name, long maxBytes) {
    }

    final Map<String, byte[]> files = new HashMap<>();
    final List<Request> requests = new ArrayList<>();
    /** Names whose body never ends: a well-behaved repository stops at maxBytes and fails. */
    final Set<String> endless = new HashSet<>();
    /** Names served with maxBytes + 1 bytes, as a repository that ignores the cap would. */
    final Set<String> ignoringCap = new HashSet<>();
    /** Names whose fetch fails as a network error would. */
    final Set<String> failing = new HashSet<>();

    @Override
    public Optional<byte[]> fetch(String name, long maxBytes) {
        requests.add(new Request(name, maxBytes));
        if (failing.contains(name)) {
            throw new FetchFailedException(name, "connection reset", null);
        }
        if (endless.contains(name)) {
            throw new FetchFailedException(name, "body longer than " + maxBytes + " bytes", null);
        }
        if (ignoringCap.contains(name)) {
            return Optional.of(new byte[(int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1)]);
        }
        byte[] body = files.get(name);
        if (body != null && body.length > maxBytes) {
            throw new FetchFailedException(name, "body longer than " + maxBytes + " bytes", null);
        }
        return Optional.ofNullable(body).map(byte[]::clone);
    }

    void put(String name, byte[] body) {
        files.put(name, body.clone());
    }

    /** Serves a captured Notary stage: {@code versioned/N.root.json} as {@code N.root.json}, the rest by path. */
    void serveStage(Path stage) throws Exception {
        files.clear();
        try (var walk = Files.walk(stage)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = stage.relativize(p).toString().replace('\\', '/');
                String name = rel.startsWith("versioned/") ? rel.substring("versioned/".length()) : rel;
                files.put(name, Files.readAllBytes(p));
            }
        }
    }

    long capAskedFor(String name) {
        return requests.stream().filter(r -> r.name().equals(name)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("never fetched " + name)).maxBytes();
    }

    boolean fetched(String name) {
        return requests.stream().anyMatch(r -> r.name().equals(name));
    }
}
