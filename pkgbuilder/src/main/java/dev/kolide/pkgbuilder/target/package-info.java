/** Package targets: Kolide's {@code platform[-arch]-init-package} names and the ones this builder makes. */
package dev.kolide.pkgbuilder.target;
