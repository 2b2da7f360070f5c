package dev.kolide.launcher.runtime;

/** One choice that differs from {@link OsqueryOptions.Settings}' defaults; made by {@link OsqueryOptions}' factories. */
@FunctionalInterface
public interface OsqueryOption {
    void apply(OsqueryOptions.Settings settings);
}
