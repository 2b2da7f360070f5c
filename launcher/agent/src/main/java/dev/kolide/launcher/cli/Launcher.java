package dev.kolide.launcher.cli;

import static dev.kolide.launcher.runtime.OsqueryOptions.withConfigPluginFlag;
import static dev.kolide.launcher.runtime.OsqueryOptions.withDistributedPluginFlag;
import static dev.kolide.launcher.runtime.OsqueryOptions.withExtensionPlugins;
import static dev.kolide.launcher.runtime.OsqueryOptions.withLoggerPluginFlag;
import static dev.kolide.launcher.runtime.OsqueryOptions.withOsquerydBinarySource;
import static dev.kolide.launcher.runtime.OsqueryOptions.withOsqueryFlags;
import static dev.kolide.launcher.runtime.OsqueryOptions.withOsqueryVerbose;
import static dev.kolide.launcher.runtime.OsqueryOptions.withRootDirectory;
import static dev.kolide.launcher.runtime.OsqueryOptions.withStartListener;
import static java.util.Objects.requireNonNull;

import dev.kolide.kit.run.Resources;
import dev.kolide.kit.run.RunGroup;
import dev.kolide.kit.run.SignalActor;
import dev.kolide.kit.version.BuildInfo;
import dev.kolide.launcher.autoupdate.AutoupdateConfig;
import dev.kolide.launcher.autoupdate.Autoupdater;
import dev.kolide.launcher.autoupdate.InstalledUpdates;
import dev.kolide.launcher.autoupdate.RollbackOnFailedStarts;
import dev.kolide.launcher.autoupdate.UpdateSourceFactory;
import dev.kolide.launcher.enroll.HostDetailsProbe;
import dev.kolide.launcher.enroll.HostIdentity;
import dev.kolide.launcher.enroll.NodeKeys;
import dev.kolide.launcher.extension.AnsweredLiveQueries;
import dev.kolide.launcher.extension.ConfigSource;
import dev.kolide.launcher.extension.DistributedSource;
import dev.kolide.launcher.extension.InstantQueries;
import dev.kolide.launcher.extension.KolideExtension;
import dev.kolide.launcher.extension.LogPublisher;
import dev.kolide.launcher.extension.LogSink;
import dev.kolide.launcher.extension.table.LauncherTables;
import dev.kolide.launcher.runtime.OsqueryInstance;
import dev.kolide.launcher.runtime.OsqueryOption;
import dev.kolide.launcher.service.KolideService;
import dev.kolide.launcher.service.QueryPush;
import dev.kolide.launcher.store.LauncherStore;
import dev.kolide.launcher.store.LogBufferLimits;
import dev.kolide.osquery.sdk.plugin.Plugin;
import dev.kolide.osquery.sdk.plugin.TablePlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's composition root: builds the store, the server client, the extension and the osquery runtime
 * from the checked options and runs them as one group until a shutdown signal. No business rules live here.
 */
public final class Launcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    private final Resources resources;
    private final RunGroup group;

    private Launcher(Resources resources, RunGroup group) {
        this.resources = resources;
        this.group = group;
    }

    public static Launcher assemble(LauncherOptions options, BuildInfo build, Clock clock) {
        return assemble(options, build, clock, UpdateSources.tuf(options, clock));
    }

    /** As {@link #assemble(LauncherOptions, BuildInfo, Clock)}, with the update sources {@code --autoupdate} uses. */
    public static Launcher assemble(LauncherOptions options, BuildInfo build, Clock clock,
            UpdateSourceFactory updateSources) {
        requireNonNull(options, "options is null");
        requireNonNull(updateSources, "updateSources is null");
        Resources resources = new Resources();
        try {
            Path root = rootDirectory(options.rootDirectory());
            LauncherStore store = LauncherStore.open(root, new LogBufferLimits(options.maxBatchBytes(),
                    options.maxBatchBytes(), LogBufferLimits.defaults().maxLogsPerKind()), clock);
            resources.add(store);
            String identifier = HostIdentity.of(store);

            AutoupdateConfig autoupdate = options.autoupdate();
            List<TablePlugin> tables = List.of(LauncherTables.info(build),
                    LauncherTables.config(() -> store.get(ConfigSource.KEY)),
                    LauncherTables.identifier(() -> identifier),
                    LauncherTables.autoupdateConfig(autoupdate.enabled(), autoupdate.notaryUrl().toString(),
                            autoupdate.mirrorUrl().toString(), autoupdate.interval(), autoupdate.channel().wireName()));
            // the newest installed osqueryd update runs, chosen again at each start; one that never comes up is
            // marked broken and the previous one runs again
            InstalledUpdates osquerydUpdates = AutoupdateWiring.osquerydUpdates(options, root);
            List<OsqueryOption> osquery = new ArrayList<>(List.of(
                    withOsquerydBinarySource(() -> osquerydUpdates.newest(options.osquerydPath())),
                    withStartListener(new RollbackOnFailedStarts(osquerydUpdates,
                            RollbackOnFailedStarts.DEFAULT_MAX_FAILURES)),
                    withRootDirectory(root),
                    withOsqueryVerbose(options.osqueryVerbose())));
            RunGroup group = new RunGroup();
            group.add("signals", SignalActor.onShutdownSignals());

            AtomicReference<OsqueryInstance> running = new AtomicReference<>();
            LogPublisher publisher = null;
            if (options.transport() == Transport.OSQUERY) {
                List<String> flags = new ArrayList<>(OsqueryTlsFlags.flags(options));
                flags.addAll(options.osqueryFlags());
                osquery.add(withOsqueryFlags(flags));
                osquery.add(withConfigPluginFlag(OsqueryTlsFlags.PLUGIN));
                osquery.add(withLoggerPluginFlag(OsqueryTlsFlags.PLUGIN));
                osquery.add(withDistributedPluginFlag(OsqueryTlsFlags.PLUGIN));
                osquery.add(withExtensionPlugins(tables.toArray(Plugin[]::new)));
            } else {
                KolideService service = ServiceClients.open(options, resources);
                NodeKeys nodeKeys = new NodeKeys(service, store, options.enrollSecret(),
                        () -> new HostDetailsProbe(sql -> running.get().query(sql), build).probe(), clock);
                ConfigSource config = new ConfigSource(service, nodeKeys, store);
                AnsweredLiveQueries answered = new AnsweredLiveQueries();
                List<Plugin> plugins = KolideExtension.plugins(config, new LogSink(store.logs()),
                        new DistributedSource(service, nodeKeys, answered), tables);
                if (service instanceof QueryPush push) {
                    // gRPC: live queries pushed by the server are answered at once, not at the next read.
                    group.add("instant-queries", new InstantQueries(push, service, nodeKeys,
                            sql -> running.get().query(sql), answered));
                }
                osquery.add(withOsqueryFlags(options.osqueryFlags()));
                osquery.add(withExtensionPlugins(plugins.toArray(Plugin[]::new)));
                publisher = new LogPublisher(service, nodeKeys, store.logs());
            }
            OsqueryInstance instance = OsqueryInstance.create(osquery.toArray(OsqueryOption[]::new));
            running.set(instance);
            group.add("osquery", instance);
            if (publisher != null) {
                group.add("log-publisher", new LogPublishing(publisher, options.loggingInterval()));
            }
            if (autoupdate.enabled()) {
                Optional<Autoupdater> autoupdater = new AutoupdateWiring(options, root, updateSources, clock)
                        .autoupdater(osquerydUpdates, running::get);
                autoupdater.ifPresent(actor -> group.add("autoupdater", actor));
            }
            LOG.atInfo().addKeyValue("server", options.hostname()).addKeyValue("transport", options.transport())
                    .addKeyValue("root", root).addKeyValue("osqueryd", osquerydUpdates.newest(options.osquerydPath()))
                    .addKeyValue("autoupdate", autoupdate.enabled())
                    .addKeyValue("identifier", identifier).addKeyValue("version", build.version())
                    .log("launcher starting");
            return new Launcher(resources, group);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** Runs until a shutdown signal or until a part fails; rethrows what ended the group. */
    public void run() throws Exception {
        group.run();
    }

    @Override
    public void close() {
        resources.close();
    }

    /** The root directory, made private to the launcher's user: it holds the node key and the secret. */
    private static Path rootDirectory(Path root) {
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("creating the root directory " + root, e);
        }
    }
}
