/**
 * Fleet's settings, as Kolide Fleet named them: key {@code a.b} = flag {@code --a_b} = environment variable
 * {@code KOLIDE_A_B} = YAML {@code a: {b: ...}} in the {@code --config} file.
 *
 * <p>{@link dev.kolide.fleet.config.FleetFlags} declares the flags (a picocli mixin; kit's {@code Program} fills in
 * the environment and the config file); {@link dev.kolide.fleet.config.FleetConfig#from} checks them once and
 * gives the typed, immutable {@link dev.kolide.fleet.config.FleetConfig} that the rest of fleet is handed.
 * {@link dev.kolide.fleet.config.ConfigDump} writes it back as YAML for {@code fleet config_dump}
 * ({@link dev.kolide.fleet.config.ConfigDumpCommand}). Secrets are {@link dev.kolide.fleet.config.Secret}s, which
 * print as {@code ********}.
 */
package dev.kolide.fleet.config;
