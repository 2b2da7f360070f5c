package dev.kolide.launcher.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.launcher.autoupdate.TufUpdateSource;
import dev.kolide.launcher.autoupdate.UpdateFailedException;
import dev.kolide.launcher.autoupdate.UpdateSourceFactory;
import dev.kolide.updater.download.TargetDownloader;
import dev.kolide.updater.http.BoundedGet;
import dev.kolide.updater.http.NotaryHttpRepository;
import dev.kolide.updater.http.ServerUrl;
import dev.kolide.updater.http.Timeouts;
import dev.kolide.updater.http.UpdaterHttpClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The TUF update sources {@code --autoupdate} uses: each binary's Notary repository at {@code --notary_url}, its
 * targets from {@code --mirror_url}, over HTTPS trusting {@code --root_pem} (or nothing with {@code --insecure}:
 * TUF signatures are still checked). A repository is bootstrapped from {@code <--autoupdate_root>/<binary>.json}
 * the first time; without that file the binary is not autoupdated (the autoupdater says so).
 */
final class UpdateSources {
    private UpdateSources() {}

    static UpdateSourceFactory tuf(LauncherOptions options, Clock clock) {
        requireNonNull(options, "options is null");
        return (gun, localRepository) -> {
            ClientTrust trust = options.insecure() ? ClientTrust.insecureSkipVerification()
                    : options.rootPem().map(ClientTrust::rootsFromPem).orElseGet(ClientTrust::systemRoots);
            HttpClient client = UpdaterHttpClients.create(trust, Timeouts.metadata().connect());
            ServerUrl notaryUrl = ServerUrl.parse("--notary_url", options.autoupdate().notaryUrl().toString());
            ServerUrl mirrorUrl = ServerUrl.parse("--mirror_url", options.autoupdate().mirrorUrl().toString());
            NotaryHttpRepository notary = new NotaryHttpRepository(new BoundedGet(client, Timeouts.metadata()),
                    notaryUrl, gun);
            TargetDownloader mirror = new TargetDownloader(new BoundedGet(client, Timeouts.download()), mirrorUrl,
                    gun);
            String binary = gun.substring(gun.lastIndexOf('/') + 1);
            Path bootstrap = options.autoupdateRoot().map(dir -> dir.resolve(binary + ".json")).orElse(null);
            if (!Files.exists(localRepository.resolve("root.json"))
                    && (bootstrap == null || !Files.isReadable(bootstrap))) {
                throw new UpdateFailedException("no trusted root for " + gun + ": put its root.json at "
                        + (bootstrap == null ? "<--autoupdate_root>/" + binary + ".json" : bootstrap));
            }
            return new TufUpdateSource(gun, localRepository, notary, mirror, () -> read(bootstrap), clock);
        };
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the bootstrap root " + file, e);
        }
    }
}
