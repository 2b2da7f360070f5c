package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.client.FleetClient;
import dev.kolide.fleet.client.Session;
import dev.kolide.fleet.client.SetupRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** First-run setup of a new fleet: creates the admin and logs the context in as it. */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Set up a new fleet (its first admin user and organization) and log in as that admin.")
final class SetupCommand implements Callable<Integer> {
    private final Fleetctl fleetctl;

    @Mixin
    private ContextOption context;

    @Option(names = "--email", required = true, description = "The admin's email address.")
    private String email;

    @Option(names = "--username", description = "The admin's username (default: the part of the email before @).")
    private String username;

    @Option(names = "--name", description = "The admin's full name (default: the username).")
    private String name;

    @Option(names = "--password", description = "The admin's password (asked for when not given): at least 7"
            + " characters with a number and a symbol.")
    private String password;

    @Option(names = "--org-name", required = true, description = "The organization's name.")
    private String orgName;

    @Option(names = "--server-url", description = "The address hosts reach fleet at (default: the context's).")
    private String serverUrl;

    @Option(names = "--enroll-secret", description = "The first enroll secret (default: fleet makes one).")
    private String enrollSecret;

    SetupCommand(Fleetctl fleetctl) {
        this.fleetctl = requireNonNull(fleetctl, "fleetctl is null");
    }

    @Override
    public Integer call() {
        CliContext current = fleetctl.configs().context(context.name());
        String user = username != null ? username : email.contains("@") ? email.substring(0, email.indexOf('@'))
                : email;
        FleetClient client = Connections.anonymous(context.name(), current); // before asking: is there an address?
        String secret = Prompt.secret(fleetctl, password, "Password");
        Session session = client.setup(new SetupRequest(user,
                name != null ? name : user, email, secret, orgName,
                serverUrl != null ? serverUrl : current.address(), enrollSecret));
        fleetctl.configs().save(context.name(), current.withEmail(email).withToken(session.token()));
        fleetctl.out().println("[+] Fleet setup successful and context \"" + context.name() + "\" configured for "
                + session.user().username());
        return 0;
    }
}
