package dev.kolide.pkgbuilder.osquery;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.pkgbuilder.target.Platform;
import dev.kolide.updater.download.TargetDownloader;
import dev.kolide.updater.http.BoundedGet;
import dev.kolide.updater.http.NotaryHttpRepository;
import dev.kolide.updater.http.Timeouts;
import dev.kolide.updater.http.UpdaterHttpClients;
import dev.kolide.updater.tuf.FetchFailedException;
import dev.kolide.updater.tuf.Target;
import dev.kolide.updater.tuf.TufClient;
import dev.kolide.updater.tuf.TufException;
import dev.kolide.updater.tuf.VerificationFailedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Resolves a channel or version to a verified osqueryd, as launcher's autoupdate does (reference launcher.md §1.7):
 * refresh the TUF metadata of {@code <prefix>/osqueryd} from Notary, download {@code <mirror>/<gun>/<target>}
 * verified against it, and unpack the binary. Everything lands in the cache directory, never in the output
 * directory, so a failure here leaves no package behind.
 */
public final class OsquerydResolver {
    private final OsquerydSource source;
    private final ClientTrust trust;
    private final OsquerydArchive archive;
    private final PrintWriter progress;
    private final Clock clock;

    /** {@code trust} is for HTTPS to Notary and the mirror; what they serve is checked by TUF either way. */
    public OsquerydResolver(OsquerydSource source, ClientTrust trust, OsquerydArchive archive, PrintWriter progress,
            Clock clock) {
        this.source = requireNonNull(source, "source is null");
        this.trust = requireNonNull(trust, "trust is null");
        this.archive = requireNonNull(archive, "archive is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The osqueryd binary of {@code version} (a channel or a version) for {@code platform}, in the cache.
     *
     * @throws OsquerydUnavailableException naming the servers and the failed role and check
     * @throws ArchiveRefusedException when the verified archive holds no usable binary
     */
    public Path resolve(Platform platform, String version) {
        String target = OsquerydTargets.targetName(platform, version);
        // as the updater warns: signed metadata cannot be forged over plain HTTP, but what is fetched leaks
        if (source.notary().isPlainHttp()) {
            progress.println("package-builder: warning: --notary_url " + source.notary() + " is plain HTTP "
                    + "(accepted for localhost only)");
        }
        if (source.mirror().isPlainHttp()) {
            progress.println("package-builder: warning: --mirror_url " + source.mirror() + " is plain HTTP "
                    + "(accepted for localhost only)");
        }
        progress.println("package-builder: resolving osqueryd " + target + " in " + source.gun() + " from "
                + source.notary() + " ...");
        progress.flush();
        Path downloaded = source.cacheDir().resolve("downloads").resolve(source.gun()).resolve(target);
        try {
            HttpClient client = UpdaterHttpClients.create(trust, Timeouts.metadata().connect());
            NotaryHttpRepository notary = new NotaryHttpRepository(new BoundedGet(client, Timeouts.metadata()),
                    source.notary(), source.gun());
            TufClient tuf = TufClient.open(trustedRepository(), source.gun(), notary, clock);
            tuf.update();
            Target trusted = tuf.target(target);
            Files.createDirectories(downloaded.getParent());
            new TargetDownloader(new BoundedGet(client, Timeouts.download()), source.mirror(), source.gun())
                    .download(trusted, downloaded, (bytes, total) -> { });
        } catch (VerificationFailedException e) {
            throw unavailable(target, "verification failed", e);
        } catch (FetchFailedException e) {
            throw unavailable(target, "network failed", e);
        } catch (TufException e) {
            throw unavailable(target, "not available", e);
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + downloaded.getParent() + " for " + target, e);
        }
        String binary = OsquerydTargets.binaryName(platform);
        Path unpacked = source.cacheDir().resolve(platform.id()).resolve(version.strip()).resolve(binary);
        archive.extract(downloaded, binary, unpacked);
        progress.println("package-builder: osqueryd " + target + " verified and unpacked to " + unpacked);
        progress.flush();
        return unpacked;
    }

    /** {@code <cache>/tuf/<gun>}, bootstrapped from the given root the first time; later runs keep what they trust. */
    private Path trustedRepository() throws IOException {
        Path repo = source.cacheDir().resolve("tuf").resolve(source.gun());
        if (!Files.isRegularFile(repo.resolve("root.json"))) {
            Files.createDirectories(repo);
            TufClient.bootstrap(repo, source.gun(), source.rootJson(), clock, false);
        }
        return repo;
    }

    private OsquerydUnavailableException unavailable(String target, String what, TufException e) {
        return new OsquerydUnavailableException("resolving osqueryd " + target + " (" + source.gun() + ") through "
                + "notary " + source.notary() + " and mirror " + source.mirror() + ": " + what, e);
    }
}
