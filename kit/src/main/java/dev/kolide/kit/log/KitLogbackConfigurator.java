package dev.kolide.kit.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration before {@code main} calls {@link LogSetup#configure}: logfmt at INFO to standard
 * error, so lines logged during start-up look like all the others.
 *
 * <p>Registered as a service ({@code META-INF/services/ch.qos.logback.classic.spi.Configurator}), it runs before
 * Logback's own configurators and stops them, so no logback.xml or logback-test.xml on the classpath is read.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class KitLogbackConfigurator extends ContextAwareBase implements Configurator {

    /** For {@link java.util.ServiceLoader}. */
    public KitLogbackConfigurator() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LogSetup.configure(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
