package dev.kolide.updater.download;

import static java.util.Objects.requireNonNull;

import dev.kolide.updater.http.BodyTooLargeException;
import dev.kolide.updater.http.BoundedGet;
import dev.kolide.updater.http.HttpFailures;
import dev.kolide.updater.http.RepositoryPaths;
import dev.kolide.updater.http.ServerUrl;
import dev.kolide.updater.tuf.FetchFailedException;
import dev.kolide.updater.tuf.Target;
import dev.kolide.updater.tuf.VerificationFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Downloads a target from the mirror ({@code GET <mirror>/<gun>/<target>}) into a temporary file next to the
 * destination, reading at most the trusted length and hashing while it streams; only when the length and every
 * known hash match is the file renamed onto the destination. On any failure the temporary file is deleted and the
 * destination is left as it was, so an installer never sees a partial or forged file (TUF spec 5.7.3).
 */
public final class TargetDownloader {
    /** TUF hash names this client knows, and their JCA names. Others are ignored; one known is required. */
    private static final Map<String, String> KNOWN_HASHES = Map.of("sha256", "SHA-256", "sha512", "SHA-512");

    private final BoundedGet http;
    private final ServerUrl mirror;
    private final String gun;

    public TargetDownloader(BoundedGet http, ServerUrl mirror, String gun) {
        this.http = requireNonNull(http, "http is null");
        this.mirror = requireNonNull(mirror, "mirror is null");
        this.gun = RepositoryPaths.check("GUN", gun);
    }

    /** Where the mirror serves {@code targetName}. */
    public URI targetUri(String targetName) {
        return mirror.resolve(gun + "/" + RepositoryPaths.check("target name", targetName));
    }

    /**
     * Downloads {@code target} to {@code destination}, replacing it only once verified.
     *
     * @throws VerificationFailedException check {@code length} or {@code hash}: the mirror's file is not the
     *     trusted one, or the metadata names no hash this client knows
     * @throws FetchFailedException the mirror could not be reached or did not answer 200
     * @throws UncheckedIOException the temporary or destination file could not be written
     */
    public void download(Target target, Path destination, DownloadProgress progress) {
        requireNonNull(target, "target is null");
        requireNonNull(destination, "destination is null");
        requireNonNull(progress, "progress is null");
        Map<String, MessageDigest> digests = digestsFor(target);
        URI uri = targetUri(target.name());
        Path dest = destination.toAbsolutePath();
        if (Files.isDirectory(dest)) {
            throw new IllegalArgumentException("the destination " + dest + " is a directory");
        }
        Path temp = createTemp(dest);
        boolean moved = false;
        try {
            long written = fetchInto(target, uri, temp, digests, progress);
            verify(target, uri, written, digests);
            Files.move(temp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } catch (IOException e) {
            throw new UncheckedIOException("moving the verified " + target.name() + " to " + dest, e);
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    private long fetchInto(Target target, URI uri, Path temp, Map<String, MessageDigest> digests,
            DownloadProgress progress) {
        long[] written = {0};
        try (FileChannel file = FileChannel.open(temp, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            BoundedGet.Response response = http.get(uri, target.length(), chunk -> {
                ByteBuffer view = chunk.duplicate();
                for (MessageDigest digest : digests.values()) {
                    digest.update(view.duplicate());
                }
                try {
                    while (chunk.hasRemaining()) {
                        file.write(chunk);
                    }
                } catch (IOException e) {
                    throw new DiskWriteException(temp, e);
                }
                written[0] += view.remaining();
                progress.update(written[0], target.length());
            });
            if (response.status() != 200) {
                throw new FetchFailedException(target.name(), HttpFailures.status(uri, response), null);
            }
            // The rename below must not publish a file whose bytes are still only in the page cache.
            file.force(true);
            return written[0];
        } catch (BodyTooLargeException e) {
            throw new VerificationFailedException(target.name(), "length", "GET " + uri + " sent more than the "
                    + target.length() + " bytes the trusted metadata allows", e);
        } catch (DiskWriteException e) {
            throw new UncheckedIOException("writing " + target.name() + " to " + temp, e);
        } catch (IOException e) {
            throw new FetchFailedException(target.name(), "GET " + uri + ": " + HttpFailures.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailedException(target.name(), "GET " + uri + ": interrupted", e);
        }
    }

    private static void verify(Target target, URI uri, long written, Map<String, MessageDigest> digests) {
        if (written != target.length()) {
            throw new VerificationFailedException(target.name(), "length", "GET " + uri + " sent " + written
                    + " bytes, the trusted metadata says " + target.length());
        }
        for (Map.Entry<String, MessageDigest> digest : digests.entrySet()) {
            byte[] expected = target.hashes().get(digest.getKey());
            // MessageDigest.isEqual takes the same time wherever the first difference is.
            if (!MessageDigest.isEqual(expected, digest.getValue().digest())) {
                throw new VerificationFailedException(target.name(), "hash", "the " + digest.getKey()
                        + " of GET " + uri + " does not match the trusted metadata");
            }
        }
    }

    private static Map<String, MessageDigest> digestsFor(Target target) {
        Map<String, MessageDigest> digests = new LinkedHashMap<>();
        for (String name : new TreeSet<>(target.hashes().keySet())) {
            String algorithm = KNOWN_HASHES.get(name);
            if (algorithm == null) {
                continue;
            }
            try {
                digests.put(name, MessageDigest.getInstance(algorithm));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks " + algorithm, e);
            }
        }
        if (digests.isEmpty()) {
            throw new VerificationFailedException(target.name(), "hash", "its metadata has no sha256 or sha512"
                    + " hash (only " + new TreeSet<>(target.hashes().keySet()) + "), so a download could not be"
                    + " verified");
        }
        return digests;
    }

    private static Path createTemp(Path dest) {
        Path dir = dest.getParent();
        try {
            return Files.createTempFile(dir, "." + dest.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("creating a temporary file in " + dir + " for " + dest.getFileName(), e);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Nothing better to do: the failure that got us here is the one to report.
        }
    }

    /** A failure to write the temporary file, told apart from the network's failures. */
    private static final class DiskWriteException extends IOException {
        private static final long serialVersionUID = 1L;

        DiskWriteException(Path temp, IOException cause) {
            super("writing " + temp + ": " + HttpFailures.describe(cause), cause);
        }
    }
}
