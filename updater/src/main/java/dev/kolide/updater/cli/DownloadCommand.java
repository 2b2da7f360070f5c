package dev.kolide.updater.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.updater.download.DownloadProgress;
import dev.kolide.updater.http.RepositoryPaths;
import dev.kolide.updater.tuf.Target;
import dev.kolide.updater.tuf.TufClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code updater download TARGET -o FILE}: refreshes the metadata, then downloads TARGET from the mirror and
 * writes FILE only once its length and hashes match the trusted metadata.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Refresh the verified metadata, then download TARGET from the mirror, verified, to FILE.")
final class DownloadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "e.g. linux/osqueryd-stable.tar.gz")
    String target;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "Where to write the verified target (replaced only once verified)")
    Path output;

    @Mixin
    RepositoryFlags repository;

    @Mixin
    ServerFlags servers;

    @Spec
    CommandSpec spec;

    private final UpdaterContext context;

    DownloadCommand(UpdaterContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = Commands.settings(spec, () -> {
            RepositoryPaths.check("TARGET", target);
            return Settings.remote(repository, servers);
        });
        return ExitCodes.run(context.stderr(), () -> {
            Commands.Remote remote = Commands.remote(settings, context.stderr());
            TufClient client = Commands.open(settings, remote, context.clock());
            client.update();
            Target trusted = client.target(target);
            ProgressBar bar = context.stderrIsTerminal()
                    ? new ProgressBar(context.stderr(), target, context.nanoTime()) : null;
            DownloadProgress progress = bar == null ? (bytes, total) -> { } : bar;
            try {
                remote.downloader().download(trusted, output, progress);
            } finally {
                if (bar != null) {
                    bar.finish();
                }
            }
            context.stdout().println("downloaded " + target + " (" + trusted.length() + " bytes, sha256 "
                    + Hex.of(trusted.hashes().get("sha256")) + ") to " + output);
            return ExitCodes.OK;
        });
    }
}
