package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.client.FleetClient;
import dev.kolide.fleet.client.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Logs in and keeps the session token in the context. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Log in to fleet; the session token is kept in the context.")
final class LoginCommand implements Callable<Integer> {
    private final Fleetctl fleetctl;

    @Mixin
    private ContextOption context;

    @Option(names = "--email", description = "Email or username (default: the context's email; asked for when"
            + " there is none).")
    private String email;

    @Option(names = "--password", description = "Password (asked for when not given; or KOLIDE_FLEETCTL_PASSWORD).")
    private String password;

    LoginCommand(Fleetctl fleetctl) {
        this.fleetctl = requireNonNull(fleetctl, "fleetctl is null");
    }

    @Override
    public Integer call() {
        CliContext current = fleetctl.configs().context(context.name());
        FleetClient client = Connections.anonymous(context.name(), current); // before asking: is there an address?
        String who = Prompt.text(fleetctl, email != null ? email : current.email(), "Email");
        String secret = Prompt.secret(fleetctl, password, "Password");
        Session session = client.login(who, secret);
        fleetctl.configs().save(context.name(), current.withEmail(who).withToken(session.token()));
        fleetctl.out().println("[+] Fleet login successful and context \"" + context.name() + "\" configured for "
                + session.user().username());
        return 0;
    }
}
