package dev.kolide.updater.cli;

import dev.kolide.updater.download.TargetDownloader;
import dev.kolide.updater.http.BoundedGet;
import dev.kolide.updater.http.NotaryHttpRepository;
import dev.kolide.updater.http.Timeouts;
import dev.kolide.updater.http.UpdaterHttpClients;
import dev.kolide.updater.tuf.TufClient;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Clock;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What {@code check} and {@code download} share: checked settings, and a refreshed client. */
final class Commands {
    private Commands() {}

    /** The settings, or a usage error (exit 2) naming the bad flag. */
    static Settings settings(CommandSpec spec, Supplier<Settings> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** A client and downloader over HTTP for {@code settings}, after the warnings it deserves. */
    static Remote remote(Settings settings, PrintStream err) {
        settings.warnings().forEach(warning -> err.println("updater: warning: " + warning));
        HttpClient client = UpdaterHttpClients.create(settings.trust(), Timeouts.metadata().connect());
        NotaryHttpRepository notary = new NotaryHttpRepository(new BoundedGet(client, Timeouts.metadata()),
                settings.notary(), settings.gun());
        TargetDownloader downloader = new TargetDownloader(new BoundedGet(client, Timeouts.download()),
                settings.mirror(), settings.gun());
        return new Remote(notary, downloader);
    }

    /** Notary's API and the mirror for one GUN. */
    record Remote(NotaryHttpRepository notary, TargetDownloader downloader) {}

    /**
     * Opens the local repository once Notary says it is healthy; the caller refreshes it with {@code update()}.
     *
     * @throws IllegalStateException when {@code init} has not been run for it
     */
    static TufClient open(Settings settings, Remote remote, Clock clock) {
        if (!Files.isRegularFile(settings.localRepo().resolve("root.json"))) {
            throw new IllegalStateException("no trusted root in " + settings.localRepo() + ": run 'updater init"
                    + " --root root.json --local_repo " + settings.localRepo() + " --gun " + settings.gun()
                    + "' first");
        }
        remote.notary().health();
        return TufClient.open(settings.localRepo(), settings.gun(), remote.notary(), clock);
    }
}
