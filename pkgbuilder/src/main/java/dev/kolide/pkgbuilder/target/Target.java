package dev.kolide.pkgbuilder.target;

import static java.util.Objects.requireNonNull;

import dev.kolide.pkgbuilder.BadInputException;
import java.util.Locale;

/**
 * A package target as Kolide names it: {@code platform-init-package} or {@code platform-arch-init-package}
 * (reference §A.2), e.g. {@code linux-systemd-deb}, {@code darwin-arm64-launchd-pkg}. The name leaves out the
 * platform's default arch, so {@link #toString()} gives back the name it was parsed from.
 */
public record Target(Platform platform, Arch arch, Init init, PackageType packageType) {

    public Target {
        requireNonNull(platform, "platform is null");
        requireNonNull(arch, "arch is null");
        requireNonNull(init, "init is null");
        requireNonNull(packageType, "packageType is null");
    }

    /**
     * Parses a target name.
     *
     * @throws BadInputException naming the part that is wrong
     */
    public static Target parse(String name) {
        requireNonNull(name, "name is null");
        String[] parts = name.strip().split("-", -1);
        if (parts.length != 3 && parts.length != 4) {
            throw new BadInputException("target \"" + name + "\" is not platform-init-package or "
                    + "platform-arch-init-package (see list-targets)");
        }
        Platform platform = lookup(Platform.class, parts[0], "platform");
        Arch arch = parts.length == 4 ? lookup(Arch.class, parts[1], "arch") : platform.defaultArch();
        Init init = lookup(Init.class, parts[parts.length - 2], "init");
        PackageType type = lookup(PackageType.class, parts[parts.length - 1], "package");
        return new Target(platform, arch, init, type);
    }

    /** Kolide's output name: {@code launcher.<target>.<package>}. */
    public String fileName() {
        return "launcher." + this + "." + packageType.id();
    }

    @Override
    public String toString() {
        String archPart = arch == platform.defaultArch() ? "" : arch.id() + "-";
        return platform.id() + "-" + archPart + init.id() + "-" + packageType.id();
    }

    private static <E extends Enum<E>> E lookup(Class<E> type, String id, String what) {
        for (E value : type.getEnumConstants()) {
            if (value.name().toLowerCase(Locale.ROOT).equals(id.toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new BadInputException("unknown " + what + " \"" + id + "\"");
    }
}
