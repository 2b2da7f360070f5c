/**
 * The osquery runtime: starts osqueryd in its own process group, serves the launcher's extension on its socket,
 * checks both are healthy and restarts osqueryd (with back-off, forever) until shut down. Reference launcher.md
 * §1.2; {@link dev.kolide.launcher.runtime.OsqueryInstance} is the entry point,
 * {@link dev.kolide.launcher.runtime.OsqueryOptions} its functional options.
 */
package dev.kolide.launcher.runtime;
