package dev.kolide.launcher.autoupdate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tests' {@link UpdateSource}: targets are files under a directory ({@code <dir>/linux/osqueryd-stable.tar.gz});
 * as the TUF source does, it hands a target over once, remembering its SHA-256, until a different one is there.
 */
final class DirectoryUpdateSource implements UpdateSource {
    private final Path repository;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String lastHash = "";

    DirectoryUpdateSource(Path repository) {
        this.repository = repository;
    }

    @Override
    public Optional<Path> fetchIfNewer(String target, Path stagingDir) throws UpdateFailedException {
        fetches.incrementAndGet();
        Path file = repository.resolve(target);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (hash.equals(lastHash)) {
                return Optional.empty();
            }
            lastHash = hash;
            Path staged = stagingDir.resolve(file.getFileName());
            Files.write(staged, bytes);
            return Optional.of(staged);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new UpdateFailedException("fetching " + target + " from " + repository + ": " + e, e);
        }
    }

    int fetches() {
        return fetches.get();
    }
}
