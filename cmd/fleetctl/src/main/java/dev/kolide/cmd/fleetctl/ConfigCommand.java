package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code config set} and {@code config get}: the settings of a context in the config file. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Set or show the settings of a context in fleetctl's config file.",
        subcommands = {ConfigCommand.Set.class, ConfigCommand.Get.class})
final class ConfigCommand {

    /** Changes the settings given; the others stay as they are. */
    @Command(name = "set", mixinStandardHelpOptions = true, description = "Change settings of a context.")
    static final class Set implements Callable<Integer> {
        private final Fleetctl fleetctl;

        @Mixin
        private ContextOption context;

        @Option(names = "--address", description = "fleet's address, e.g. https://fleet.example.com:8080")
        private String address;

        @Option(names = "--email", description = "The email to log in with.")
        private String email;

        @Option(names = "--token", description = "A session token (e.g. of an API-only user).")
        private String token;

        @Option(names = "--tls-skip-verify", arity = "0..1", fallbackValue = "true",
                description = "Skip verifying fleet's certificate (development only).")
        private Boolean tlsSkipVerify;

        @Option(names = "--rootca", description = "A PEM file of the CA(s) to trust instead of the system's.")
        private String rootca;

        @Option(names = "--url-prefix", description = "A path prefix before fleet's API paths (behind a proxy).")
        private String urlPrefix;

        Set(Fleetctl fleetctl) {
            this.fleetctl = requireNonNull(fleetctl, "fleetctl is null");
        }

        @Override
        public Integer call() {
            CliContext updated = fleetctl.configs().context(context.name());
            if (address == null && email == null && token == null && tlsSkipVerify == null && rootca == null
                    && urlPrefix == null) {
                throw new CliException("config set needs at least one of --address, --email, --token,"
                        + " --tls-skip-verify, --rootca, --url-prefix");
            }
            updated = address == null ? updated : updated.withAddress(address);
            updated = email == null ? updated : updated.withEmail(email);
            updated = token == null ? updated : updated.withToken(token);
            updated = tlsSkipVerify == null ? updated : updated.withTlsSkipVerify(tlsSkipVerify);
            updated = rootca == null ? updated : updated.withRootca(rootca);
            updated = urlPrefix == null ? updated : updated.withUrlPrefix(urlPrefix);
            fleetctl.configs().save(context.name(), updated);
            fleetctl.out().println("[+] Context \"" + context.name() + "\" updated in " + fleetctl.configs().path());
            return 0;
        }
    }

    /** Prints the context's settings, or one of them; a token is never printed, only whether one is set. */
    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Show the settings of a context (the token only as set or not).")
    static final class Get implements Callable<Integer> {
        private final Fleetctl fleetctl;

        @Mixin
        private ContextOption context;

        @Parameters(arity = "0..1", paramLabel = "KEY",
                description = "One of address, email, token, tls-skip-verify, rootca, url-prefix.")
        private String key;

        Get(Fleetctl fleetctl) {
            this.fleetctl = requireNonNull(fleetctl, "fleetctl is null");
        }

        @Override
        public Integer call() {
            Map<String, String> settings = settings(fleetctl.configs().context(context.name()));
            if (key == null) {
                settings.forEach((name, value) -> fleetctl.out().println(name + ": " + value));
                return 0;
            }
            if (!settings.containsKey(key)) {
                throw new CliException("unknown setting \"" + key + "\"; known: " + String.join(", ",
                        settings.keySet()));
            }
            fleetctl.out().println(key + ": " + settings.get(key));
            return 0;
        }

        private static Map<String, String> settings(CliContext c) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("address", orEmpty(c.address()));
            settings.put("email", orEmpty(c.email()));
            settings.put("token", c.token() == null || c.token().isEmpty() ? "(not set)" : "(set, not shown)");
            settings.put("tls-skip-verify", String.valueOf(c.skipsVerification()));
            settings.put("rootca", orEmpty(c.rootca()));
            settings.put("url-prefix", orEmpty(c.urlPrefix()));
            return settings;
        }

        private static String orEmpty(String value) {
            return value == null ? "" : value;
        }
    }
}
