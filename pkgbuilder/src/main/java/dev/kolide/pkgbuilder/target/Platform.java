package dev.kolide.pkgbuilder.target;

/** The OS a package is for (reference §A.2). */
public enum Platform {
    DARWIN("darwin", Arch.UNIVERSAL),
    WINDOWS("windows", Arch.AMD64),
    LINUX("linux", Arch.AMD64);

    private final String id;
    private final Arch defaultArch;

    Platform(String id, Arch defaultArch) {
        this.id = id;
        this.defaultArch = defaultArch;
    }

    public String id() {
        return id;
    }

    /** The arch a target name means when it names none: universal on darwin, amd64 elsewhere. */
    public Arch defaultArch() {
        return defaultArch;
    }
}
