package dev.kolide.kit.health;

/**
 * One health check: a database ping, a queue's depth against a limit. It is named where it is registered
 * ({@link HealthChecks.Builder#add(String, HealthChecker)}), as kolide/kit keys its checkers by name.
 */
@FunctionalInterface
public interface HealthChecker {

    /**
     * Returns normally when healthy; throws when not, with a message that says why (it is shown to whoever
     * asks for the health, so it should say what failed, not carry secrets).
     */
    void check() throws Exception;
}
