/** Kolide's target names ({@code linux-systemd-deb}) and which of them this package-builder builds. */
package dev.kolide.pkgbuilder.target;
