package dev.kolide.launcher.autoupdate;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where one binary's updates come from: in production a TUF client on the binary's Notary repository (GUN) and
 * its mirror; in tests a directory.
 *
 * <p>The contract the autoupdater relies on:
 * <ul>
 *   <li>the archive handed over is verified (TUF: signed metadata, then the download's length and hashes);</li>
 *   <li>a target is handed over once: the source remembers the last target it handed over (by its hashes) and
 *       answers empty until the repository lists a different one, whether or not its install succeeded, so a
 *       build that fails its checks is not downloaded again every interval;</li>
 *   <li>the archive is written inside {@code stagingDir}, which the caller owns and empties after the install.</li>
 * </ul>
 */
@FunctionalInterface
public interface UpdateSource {

    /**
     * The downloaded and verified {@code target} (e.g. {@code linux/osqueryd-stable.tar.gz}) when the repository
     * holds one different from the last one handed over, else empty.
     *
     * @throws UpdateFailedException when the repository cannot be read or the download cannot be verified; the
     *     autoupdater logs it and asks again at the next interval
     */
    Optional<Path> fetchIfNewer(String target, Path stagingDir) throws UpdateFailedException;
}
