/**
 * The {@code updater} command line: {@code init} (trust a root), {@code check} (refresh the verified metadata and
 * list the targets) and {@code download} (a verified target). Exit codes: 0 ok, 1 failure, 2 usage, 3 verification
 * failed, 4 network failed. cmd/updater's main only builds an {@link dev.kolide.updater.cli.UpdaterContext}.
 */
package dev.kolide.updater.cli;
