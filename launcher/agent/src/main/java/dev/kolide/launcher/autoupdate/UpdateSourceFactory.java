package dev.kolide.launcher.autoupdate;

import java.nio.file.Path;

/**
 * Opens the {@link UpdateSource} of one binary's repository. This is the seam for the TUF client (module
 * {@code updater}): its implementation opens the Notary repository {@code gun} at {@code --notary_url}, keeps its
 * trusted metadata in {@code localRepository} ({@code <root>/<binary>-tuf}, bootstrapped from the root.json the
 * program bundles) and downloads targets from {@code --mirror_url}, with {@code --root_pem}/{@code --insecure}
 * for its HTTPS.
 */
@FunctionalInterface
public interface UpdateSourceFactory {

    /**
     * The source of {@code gun}'s targets.
     *
     * @throws UnsupportedOperationException when this build has no such source
     * @throws UpdateFailedException when the repository cannot be opened (e.g. its local trust cannot be read)
     */
    UpdateSource open(String gun, Path localRepository) throws UpdateFailedException;
}
