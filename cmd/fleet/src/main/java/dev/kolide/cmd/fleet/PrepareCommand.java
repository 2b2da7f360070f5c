package dev.kolide.cmd.fleet;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.config.FleetConfig;
import dev.kolide.fleet.config.FleetFlags;
import dev.kolide.fleet.datastore.mysql.Database;
import dev.kolide.fleet.datastore.mysql.Migrations;
import java.io.Console;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleet prepare}: one-time set-up steps; {@code prepare db} applies pending database migrations. */
@Command(name = "prepare", mixinStandardHelpOptions = true, description = "Prepare fleet's dependencies.",
        subcommands = PrepareCommand.DbCommand.class)
final class PrepareCommand {

    @Command(name = "db", mixinStandardHelpOptions = true,
            description = "Apply pending database migrations (fleet serve refuses to start while any are pending).")
    static final class DbCommand implements Callable<Integer> {
        @Mixin
        FleetFlags flags;

        @Option(names = "--no-prompt", description = "Do not ask for confirmation.")
        boolean noPrompt;

        @Spec
        CommandSpec spec;

        private final SecureRandom random;

        DbCommand(SecureRandom random) {
            this.random = requireNonNull(random, "random is null");
        }

        @Override
        public Integer call() {
            FleetConfig config = FleetConfig.forTools(flags, random);
            PrintWriter out = spec.commandLine().getOut();
            try (Database database = Datastores.open(config)) {
                Migrations migrations = new Migrations(database);
                List<Migrations.Migration> pending = migrations.pending();
                if (pending.isEmpty()) {
                    out.println("The database " + database.description() + " is up to date.");
                    return 0;
                }
                out.println(pending.size() + " migration(s) to apply to " + database.description() + ":");
                pending.forEach(m -> out.println("  " + m));
                out.flush();
                if (!noPrompt && !confirmed()) {
                    out.println("Nothing applied.");
                    return 1;
                }
                List<Migrations.Migration> applied = migrations.apply();
                out.println("Applied " + applied.size() + " migration(s); the database is up to date.");
                return 0;
            }
        }

        /** Asks when a person is at the terminal; scripts and containers (no console) go ahead. */
        private static boolean confirmed() {
            Console console = System.console();
            if (console == null) {
                return true;
            }
            String answer = console.readLine("Apply them? [y/N] ");
            return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
        }
    }
}
