package dev.kolide.cmd.fleet;

import static dev.kolide.kit.log.LogSetup.withDebug;
import static dev.kolide.kit.log.LogSetup.withFormat;
import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.config.FleetConfig;
import dev.kolide.fleet.config.FleetFlags;
import dev.kolide.kit.log.DebugSignal;
import dev.kolide.kit.log.LogFormat;
import dev.kolide.kit.log.LogLevelSwitch;
import dev.kolide.kit.log.LogSetup;
import dev.kolide.kit.run.SignalReceivedException;
import dev.kolide.kit.version.BuildInfo;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fleet serve}: runs the server until SIGINT/SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the fleet server (osquery TLS API, REST API, /healthz, /version, /metrics).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    FleetFlags flags;

    private final BuildInfo buildInfo;
    private final SecureRandom random;
    private final Clock clock;
    private final PrintStream stdout;

    ServeCommand(BuildInfo buildInfo, SecureRandom random, Clock clock, PrintStream stdout) {
        this.buildInfo = requireNonNull(buildInfo, "buildInfo is null");
        this.random = requireNonNull(random, "random is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.stdout = requireNonNull(stdout, "stdout is null");
    }

    @Override
    public Integer call() throws Exception {
        FleetConfig config = FleetConfig.from(flags, random);
        LogLevelSwitch levels = LogSetup.configure(
                withFormat(config.logging().json() ? LogFormat.JSON : LogFormat.LOGFMT),
                withDebug(config.logging().debug()));
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        Optional<DebugSignal> debugSignal = DebugSignal.installUsr2(levels);
        try (FleetServer server = FleetServer.assemble(config, buildInfo, clock, random, stdout)) {
            server.run();
        } catch (SignalReceivedException e) {
            log.info("stopped: {}", e.getMessage());
        } finally {
            debugSignal.ifPresent(DebugSignal::close);
        }
        return 0;
    }
}
