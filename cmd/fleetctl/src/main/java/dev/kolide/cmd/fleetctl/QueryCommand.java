package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.client.Campaign;
import dev.kolide.fleet.client.FleetClient;
import dev.kolide.fleet.client.FleetJson;
import dev.kolide.fleet.client.LiveQueryStream;
import dev.kolide.fleet.client.QuerySpec;
import dev.kolide.kit.flags.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code query}: runs a live query on hosts and labels named, printing each host's rows as a JSON line and
 * progress on stderr. Exit 0 when it ends as asked (all online hosts answered with {@code --exit}, or the
 * timeout without {@code --exit}), 1 when {@code --exit} was asked and the timeout or a closed socket came first.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run a live query; results as JSON lines on stdout, progress on stderr.")
final class QueryCommand implements Callable<Integer> {
    private final Fleetctl fleetctl;

    @Mixin
    private ContextOption context;

    /** The SQL, given or named. */
    static final class Sql {
        @Option(names = "--query", description = "The SQL to run.")
        String query;

        @Option(names = "--query-name", description = "The name of a saved query to run.")
        String queryName;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Sql sql;

    @Option(names = "--hosts", split = ",", paramLabel = "HOSTNAME", description = "Hosts to target, by hostname.")
    private List<String> hosts = new ArrayList<>();

    @Option(names = "--labels", split = ",", paramLabel = "LABEL", description = "Labels to target, by name.")
    private List<String> labels = new ArrayList<>();

    @Option(names = "--exit", description = "Exit when all online targeted hosts have answered.")
    private boolean exit;

    @Option(names = "--timeout", converter = GoDuration.class, defaultValue = "0s",
            description = "Stop after this long (e.g. 30s, 5m; 0: never).")
    private Duration timeout;

    @Option(names = "--quiet", description = "Print no progress on stderr.")
    private boolean quiet;

    QueryCommand(Fleetctl fleetctl) {
        this.fleetctl = requireNonNull(fleetctl, "fleetctl is null");
    }

    @Override
    public Integer call() throws InterruptedException {
        if (hosts.isEmpty() && labels.isEmpty()) {
            throw new CliException("query needs targets: --hosts and/or --labels");
        }
        FleetClient client = Connections.loggedIn(context.name(), fleetctl.configs().context(context.name()));
        String text = sql.query != null ? sql.query : savedQuery(client, sql.queryName);
        Campaign campaign = client.runQueryByNames(text, hosts, labels);
        LiveQueryWatcher watcher = new LiveQueryWatcher(fleetctl.out(), fleetctl.err(), fleetctl.clock(),
                FleetJson.mapper(), quiet, exit);
        try (LiveQueryStream stream = LiveQueryStream.open(client, campaign)) {
            LiveQueryWatcher.Outcome outcome = watcher.watch(stream::next, timeout);
            return outcome == LiveQueryWatcher.Outcome.ALL_RESPONDED || !exit ? 0 : 1;
        }
    }

    private static String savedQuery(FleetClient client, String name) {
        return client.querySpecs().stream().filter(q -> name.equals(q.name())).map(QuerySpec::query).findFirst()
                .orElseThrow(() -> new CliException("no saved query named \"" + name + "\""));
    }
}
