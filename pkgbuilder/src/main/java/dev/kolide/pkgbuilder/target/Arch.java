package dev.kolide.pkgbuilder.target;

/** The CPU architecture a package is for. */
public enum Arch {
    AMD64("amd64", "x86_64"),
    ARM64("arm64", "aarch64"),
    UNIVERSAL("universal", "noarch");

    private final String id;
    private final String rpmArch;

    Arch(String id, String rpmArch) {
        this.id = id;
        this.rpmArch = rpmArch;
    }

    public String id() {
        return id;
    }

    /** The name rpm uses for it. */
    public String rpmArch() {
        return rpmArch;
    }
}
