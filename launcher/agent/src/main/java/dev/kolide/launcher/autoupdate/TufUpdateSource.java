package dev.kolide.launcher.autoupdate;

import static java.util.Objects.requireNonNull;

import dev.kolide.updater.download.TargetDownloader;
import dev.kolide.updater.tuf.NoSuchTargetException;
import dev.kolide.updater.tuf.RemoteRepository;
import dev.kolide.updater.tuf.Target;
import dev.kolide.updater.tuf.TufClient;
import dev.kolide.updater.tuf.TufException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One binary's updates through the TUF client: the Notary repository {@code gun} refreshed and verified, then the
 * target downloaded from the mirror and checked against the trusted length and hashes before it is handed over.
 * The trusted metadata lives in {@code localRepository}, bootstrapped on first use from the root.json given with
 * {@code --autoupdate_root}. The last target handed over is remembered there by its length and hashes, so a build is
 * offered once, whether or not it installed.
 */
public final class TufUpdateSource implements UpdateSource {
    static final String LAST_HANDED_OVER = "last-handed-over";

    private final String gun;
    private final Path localRepository;
    private final RemoteRepository notary;
    private final TargetDownloader mirror;
    private final Supplier<byte[]> bootstrapRoot;
    private final Clock clock;

    /** @param bootstrapRoot the root.json to trust when the local repository has none yet */
    public TufUpdateSource(String gun, Path localRepository, RemoteRepository notary, TargetDownloader mirror,
            Supplier<byte[]> bootstrapRoot, Clock clock) {
        this.gun = requireNonNull(gun, "gun is null");
        this.localRepository = requireNonNull(localRepository, "localRepository is null");
        this.notary = requireNonNull(notary, "notary is null");
        this.mirror = requireNonNull(mirror, "mirror is null");
        this.bootstrapRoot = requireNonNull(bootstrapRoot, "bootstrapRoot is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Optional<Path> fetchIfNewer(String target, Path stagingDir) throws UpdateFailedException {
        try {
            if (!Files.exists(localRepository.resolve("root.json"))) {
                Files.createDirectories(localRepository);
                TufClient.bootstrap(localRepository, gun, bootstrapRoot.get(), clock, false);
            }
            TufClient client = TufClient.open(localRepository, gun, notary, clock);
            client.update();
            Target trusted = client.target(target);
            String fingerprint = fingerprint(trusted);
            Path last = localRepository.resolve(LAST_HANDED_OVER + "-" + target.replace('/', '_'));
            if (Files.exists(last) && Files.readString(last, StandardCharsets.UTF_8).strip().equals(fingerprint)) {
                return Optional.empty();
            }
            Path archive = stagingDir.resolve(Path.of(target).getFileName().toString());
            mirror.download(trusted, archive, (bytes, total) -> { });
            // Remembered only once the download verified: a failed download is tried again next time.
            Path temp = Files.createTempFile(localRepository, ".last", ".tmp");
            Files.writeString(temp, fingerprint, StandardCharsets.UTF_8);
            Files.move(temp, last, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(archive);
        } catch (NoSuchTargetException e) {
            throw new UpdateFailedException(gun + " lists no target " + target, e);
        } catch (TufException e) {
            throw new UpdateFailedException(gun + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new UpdateFailedException("updating " + target + " from " + gun + ": " + e, e);
        }
    }

    /** The target's length and every hash it lists: what identifies one build. */
    private static String fingerprint(Target target) {
        return target.length() + new TreeMap<>(target.hashes()).entrySet().stream()
                .map(hash -> " " + hash.getKey() + "=" + HexFormat.of().formatHex(hash.getValue()))
                .collect(Collectors.joining());
    }

    @Override
    public String toString() {
        return "TUF " + gun + " via " + notary;
    }
}
