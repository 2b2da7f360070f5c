package dev.kolide.pkgbuilder.target;

import java.util.Locale;

/** The operating system a package is for (Kolide's {@code packaging.PlatformFlavor}). */
public enum Platform {
    DARWIN, WINDOWS, LINUX;

    /** The name in target strings: {@code linux}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The arch a target of this platform has when its name gives none: universal on darwin, amd64 elsewhere. */
    public Arch defaultArch() {
        return this == DARWIN ? Arch.UNIVERSAL : Arch.AMD64;
    }
}
