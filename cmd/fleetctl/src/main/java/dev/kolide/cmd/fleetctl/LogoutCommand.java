package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Ends the session on the server and forgets its token. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Log out of fleet and remove the session token from the context.")
final class LogoutCommand implements Callable<Integer> {
    private final Fleetctl fleetctl;

    @Mixin
    private ContextOption context;

    LogoutCommand(Fleetctl fleetctl) {
        this.fleetctl = requireNonNull(fleetctl, "fleetctl is null");
    }

    @Override
    public Integer call() {
        CliContext current = fleetctl.configs().context(context.name());
        Connections.loggedIn(context.name(), current).logout();
        fleetctl.configs().save(context.name(), current.withToken(null));
        fleetctl.out().println("[+] Fleet logout successful and local token cleared");
        return 0;
    }
}
