package dev.kolide.launcher.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.launcher.autoupdate.UpdateSourceFactory;

/**
 * The seam where the TUF client plugs in: the {@link UpdateSourceFactory} a launcher built from these options
 * uses. Until the updater module's client is wired here, opening a source says so, and the launcher runs without
 * autoupdate (logged as an error when {@code --autoupdate} is set).
 *
 * <p>The implementation is expected to open {@code options.autoupdate().notaryUrl()} for the GUN it is given,
 * keep its trusted metadata in the local repository directory it is given, download from
 * {@code options.autoupdate().mirrorUrl()}, trust {@code options.rootPem()} (or nothing, with
 * {@code options.insecure()}), and honour the {@link dev.kolide.launcher.autoupdate.UpdateSource} contract.
 */
final class UpdateSources {
    private UpdateSources() {}

    static UpdateSourceFactory tuf(LauncherOptions options) {
        requireNonNull(options, "options is null");
        return (gun, localRepository) -> {
            throw new UnsupportedOperationException("the TUF update source arrives with the updater");
        };
    }
}
