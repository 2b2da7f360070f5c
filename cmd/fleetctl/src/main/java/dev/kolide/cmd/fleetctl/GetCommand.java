package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.client.EnrollSecretSpec;
import dev.kolide.fleet.client.FleetClient;
import dev.kolide.fleet.client.Host;
import dev.kolide.fleet.client.LabelSpec;
import dev.kolide.fleet.client.PackSpec;
import dev.kolide.fleet.client.QuerySpec;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code get queries|packs|labels|options|enroll_secret|config|hosts|host}: a table by default, or the specs as
 * {@code --yaml} (which {@code apply -f} takes back) or {@code --json}. Tree-shaped kinds (options, config, enroll
 * secret, one host) have no table and print YAML by default.
 */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show what fleet has.",
        subcommands = {GetCommand.Queries.class, GetCommand.Packs.class, GetCommand.Labels.class,
            GetCommand.Options.class, GetCommand.EnrollSecret.class, GetCommand.Config.class,
            GetCommand.Hosts.class, GetCommand.OneHost.class})
final class GetCommand {

    /** What every get shares: the context, the output format, a logged-in client. */
    abstract static class Base implements Callable<Integer> {
        final Fleetctl fleetctl;
        final SpecFiles files = new SpecFiles();

        @Mixin
        ContextOption context;

        @Mixin
        OutputOptions output;

        Base(Fleetctl fleetctl) {
            this.fleetctl = requireNonNull(fleetctl, "fleetctl is null");
        }

        FleetClient client() {
            return Connections.loggedIn(context.name(), fleetctl.configs().context(context.name()));
        }

        void print(List<SpecDocument> documents, Table table) {
            output.print(fleetctl.out(), files, documents, table);
        }
    }

    @Command(name = "queries", aliases = {"query", "q"}, mixinStandardHelpOptions = true,
            description = "Show saved queries (one by NAME when given).")
    static final class Queries extends Base {
        @Parameters(arity = "0..1", paramLabel = "NAME")
        private String name;

        Queries(Fleetctl fleetctl) {
            super(fleetctl);
        }

        @Override
        public Integer call() {
            List<QuerySpec> specs = client().querySpecs().stream()
                    .filter(q -> name == null || name.equals(q.name())).toList();
            Table table = new Table("name", "description", "query");
            specs.forEach(q -> table.row(q.name(), q.description(), q.query()));
            print(specs.stream().map(q -> files.document(SpecKind.QUERY, q)).toList(), table);
            return 0;
        }
    }

    @Command(name = "packs", aliases = {"pack", "p"}, mixinStandardHelpOptions = true,
            description = "Show packs (one by NAME when given).")
    static final class Packs extends Base {
        @Parameters(arity = "0..1", paramLabel = "NAME")
        private String name;

        Packs(Fleetctl fleetctl) {
            super(fleetctl);
        }

        @Override
        public Integer call() {
            List<PackSpec> specs = client().packSpecs().stream()
                    .filter(p -> name == null || name.equals(p.name())).map(PackSpec::withoutId).toList();
            Table table = new Table("name", "platform", "description", "disabled", "queries");
            specs.forEach(p -> table.row(p.name(), p.platform(), p.description(), Boolean.TRUE.equals(p.disabled()),
                    p.queries() == null ? 0 : p.queries().size()));
            print(specs.stream().map(p -> files.document(SpecKind.PACK, p)).toList(), table);
            return 0;
        }
    }

    @Command(name = "labels", aliases = {"label", "l"}, mixinStandardHelpOptions = true,
            description = "Show labels (one by NAME when given).")
    static final class Labels extends Base {
        @Parameters(arity = "0..1", paramLabel = "NAME")
        private String name;

        Labels(Fleetctl fleetctl) {
            super(fleetctl);
        }

        @Override
        public Integer call() {
            List<LabelSpec> specs = client().labelSpecs().stream()
                    .filter(l -> name == null || name.equals(l.name())).map(LabelSpec::withoutServerFields)
                    .toList();
            Table table = new Table("name", "platform", "description", "query");
            specs.forEach(l -> table.row(l.name(), l.platform(), l.description(), l.query()));
            print(specs.stream().map(l -> files.document(SpecKind.LABEL, l)).toList(), table);
            return 0;
        }
    }

    @Command(name = "options", mixinStandardHelpOptions = true, description = "Show the osquery options.")
    static final class Options extends Base {
        Options(Fleetctl fleetctl) {
            super(fleetctl);
        }

        @Override
        public Integer call() {
            print(List.of(files.document(SpecKind.OPTIONS, client().optionsSpec())), null);
            return 0;
        }
    }

    @Command(name = "enroll_secret", aliases = {"enroll_secrets", "enroll-secret", "secret"},
            mixinStandardHelpOptions = true, description = "Show the enroll secrets.")
    static final class EnrollSecret extends Base {
        EnrollSecret(Fleetctl fleetctl) {
            super(fleetctl);
        }

        @Override
        public Integer call() {
            EnrollSecretSpec spec = client().enrollSecretSpec();
            print(List.of(files.document(SpecKind.ENROLL_SECRET, spec)), null);
            return 0;
        }
    }

    @Command(name = "config", mixinStandardHelpOptions = true, description = "Show fleet's app config.")
    static final class Config extends Base {
        Config(Fleetctl fleetctl) {
            super(fleetctl);
        }

        @Override
        public Integer call() {
            print(List.of(files.document(SpecKind.CONFIG, client().appConfig())), null);
            return 0;
        }
    }

    @Command(name = "hosts", aliases = {"h"}, mixinStandardHelpOptions = true, description = "Show hosts.")
    static final class Hosts extends Base {
        Hosts(Fleetctl fleetctl) {
            super(fleetctl);
        }

        @Override
        public Integer call() {
            List<Host> hosts = client().hosts();
            Table table = new Table("hostname", "status", "platform", "os version", "osquery version", "ip", "uuid");
            hosts.forEach(h -> table.row(h.hostname(), h.status(), h.platform(), h.osVersion(), h.osqueryVersion(),
                    h.primaryIp(), h.uuid()));
            print(hosts.stream().map(h -> files.document(SpecKind.HOST, h)).toList(), table);
            return 0;
        }
    }

    @Command(name = "host", mixinStandardHelpOptions = true,
            description = "Show one host by hostname, UUID or osquery host identifier.")
    static final class OneHost extends Base {
        @Parameters(paramLabel = "IDENTIFIER")
        private String identifier;

        OneHost(Fleetctl fleetctl) {
            super(fleetctl);
        }

        @Override
        public Integer call() {
            print(List.of(files.document(SpecKind.HOST, client().host(identifier))), null);
            return 0;
        }
    }
}
