package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates fleetctl's commands with the objects main made: a command whose constructor takes {@link Fleetctl}
 * gets it; anything else (options, mixins) is picocli's default.
 */
final class FleetctlCommands implements CommandLine.IFactory {
    private final Fleetctl fleetctl;

    FleetctlCommands(Fleetctl fleetctl) {
        this.fleetctl = requireNonNull(fleetctl, "fleetctl is null");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length == 1 && parameters[0] == Fleetctl.class) {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(fleetctl));
            }
        }
        return CommandLine.defaultFactory().create(type);
    }
}
