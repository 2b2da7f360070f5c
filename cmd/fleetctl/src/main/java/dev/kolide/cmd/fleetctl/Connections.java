package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.client.FleetClient;
import dev.kolide.fleet.client.FleetEndpoint;
import dev.kolide.kit.tls.ClientTrust;
import java.net.URI;
import java.nio.file.Path;

/** Turns a context of the config file into a client of its fleet. */
final class Connections {
    private Connections() {}

    /** A client without a token, for setup and login. */
    static FleetClient anonymous(String contextName, CliContext context) {
        requireNonNull(context, "context is null");
        if (context.address() == null || context.address().isBlank()) {
            throw new CliException("context \"" + contextName + "\" has no address: run fleetctl config set"
                    + " --address https://fleet.example.com:8080" + contextFlag(contextName));
        }
        URI address;
        try {
            address = URI.create(context.address().strip());
        } catch (IllegalArgumentException e) {
            throw new CliException("context \"" + contextName + "\" has an address that is not a URL: "
                    + context.address(), e);
        }
        ClientTrust trust = trust(context);
        try {
            return FleetClient.connect(new FleetEndpoint(address, context.urlPrefix(), trust));
        } catch (IllegalArgumentException e) {
            throw new CliException("context \"" + contextName + "\": " + e.getMessage(), e);
        }
    }

    /** A client carrying the context's token; fails with what to do when nobody is logged in. */
    static FleetClient loggedIn(String contextName, CliContext context) {
        FleetClient client = anonymous(contextName, context);
        if (context.token() == null || context.token().isBlank()) {
            throw new CliException("not logged in to context \"" + contextName + "\": run fleetctl login"
                    + contextFlag(contextName));
        }
        return client.withToken(context.token());
    }

    private static ClientTrust trust(CliContext context) {
        if (context.skipsVerification()) {
            return ClientTrust.insecureSkipVerification();
        }
        if (context.rootca() != null && !context.rootca().isBlank()) {
            try {
                return ClientTrust.rootsFromPem(Path.of(context.rootca()));
            } catch (RuntimeException e) {
                throw new CliException("reading the root CA file " + context.rootca(), e);
            }
        }
        return ClientTrust.systemRoots();
    }

    private static String contextFlag(String contextName) {
        return ConfigStore.DEFAULT_CONTEXT.equals(contextName) ? "" : " --context " + contextName;
    }
}
