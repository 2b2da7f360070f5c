/**
 * Autoupdate of osqueryd and of the launcher itself (reference launcher.md §1.7): an {@link
 * dev.kolide.launcher.autoupdate.UpdateSource} hands over a verified archive when its repository holds a new target,
 * the {@link dev.kolide.launcher.autoupdate.UpdateInstaller} unpacks and checks it and installs it as
 * {@code <bindir>/<binary>-updates/<unix-seconds>/<binary>}, and {@link
 * dev.kolide.launcher.autoupdate.InstalledUpdates} tells which installed binary to run. The TUF-backed source comes
 * from the updater module, plugged in through {@link dev.kolide.launcher.autoupdate.UpdateSourceFactory}.
 */
package dev.kolide.launcher.autoupdate;
