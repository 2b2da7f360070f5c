/**
 * The package builder: {@code target} parses Kolide's target names, {@code layout} decides what files go where,
 * {@code flags} writes launcher.flags, {@code init} renders service definitions and scripts, {@code format} writes
 * deb, rpm, tar (pure Java) and msi (through wixl), {@code cli} is the picocli front end.
 * {@link dev.kolide.pkgbuilder.PackageBuilder} ties them together. See docs/package-builder.md.
 */
package dev.kolide.pkgbuilder;
