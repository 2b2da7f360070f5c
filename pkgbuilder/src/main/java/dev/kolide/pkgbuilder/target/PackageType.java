package dev.kolide.pkgbuilder.target;

/** The package flavour; its id is also the file extension. */
public enum PackageType {
    PKG("pkg"),
    TAR("tar"),
    DEB("deb"),
    RPM("rpm"),
    MSI("msi"),
    PACMAN("pacman");

    private final String id;

    PackageType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
