package dev.kolide.updater.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.updater.tuf.TufClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code updater init --root root.json --local_repo DIR --gun GUN}: makes {@code root.json} the trusted root of a
 * new local repository. The root must come from a trusted channel (shipped with the package, checked by hand):
 * everything later is verified against it.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Trust a root.json for GUN: start a local repository in --local_repo.")
final class InitCommand implements Callable<Integer> {
    /** kolide/updater's cap on any metadata file; a root is far smaller. */
    static final long MAX_ROOT_BYTES = 5L * 1024 * 1024;

    @Mixin
    RepositoryFlags repository;

    @Option(names = "--root", paramLabel = "FILE", required = true,
            description = "The root.json to trust (e.g. GET <notary>/v2/<gun>/_trust/tuf/root.json, checked out of band)")
    Path root;

    @Option(names = "--replace", description = "Replace the trusted state of an already initialized --local_repo")
    boolean replace;

    @Spec
    CommandSpec spec;

    private final UpdaterContext context;

    InitCommand(UpdaterContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = Commands.settings(spec, () -> Settings.local(repository));
        byte[] rootJson = read(root);
        return ExitCodes.run(context.stderr(), () -> {
            createDirectory(settings.localRepo());
            TufClient.bootstrap(settings.localRepo(), settings.gun(), rootJson, context.clock(), replace);
            context.stdout().println("initialized " + settings.localRepo() + " for " + settings.gun()
                    + " with the root in " + root);
            return ExitCodes.OK;
        });
    }

    private byte[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "--root " + file + " is not a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_ROOT_BYTES + 1);
            if (bytes.length > MAX_ROOT_BYTES) {
                throw new ParameterException(spec.commandLine(), "--root " + file + " is larger than "
                        + MAX_ROOT_BYTES + " bytes: not a root.json");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("reading --root " + file, e);
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("creating --local_repo " + dir, e);
        }
    }
}
