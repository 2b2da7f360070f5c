package dev.kolide.pkgbuilder.target;

import java.util.Locale;

/** The CPU a package is for (Kolide's {@code packaging.ArchFlavor}). */
public enum Arch {
    ARM64, AMD64, UNIVERSAL;

    /** The name in target strings: {@code amd64}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** rpm's name for it: rpm says x86_64 and aarch64, and noarch for "any". */
    public String rpmArch() {
        return switch (this) {
            case AMD64 -> "x86_64";
            case ARM64 -> "aarch64";
            case UNIVERSAL -> "noarch";
        };
    }
}
