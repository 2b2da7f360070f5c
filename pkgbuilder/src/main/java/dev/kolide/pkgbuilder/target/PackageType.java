package dev.kolide.pkgbuilder.target;

import java.util.Locale;

/** The package format (Kolide's {@code packaging.PackageFlavor}); its id is also the file extension. */
public enum PackageType {
    PKG, TAR, DEB, RPM, MSI, PACMAN;

    /** The name in target strings and the file extension: {@code deb}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
