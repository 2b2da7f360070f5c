package dev.kolide.pkgbuilder.target;

import static java.util.Objects.requireNonNull;

import dev.kolide.pkgbuilder.BadInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A package target as Kolide names it (reference §A.2): {@code platform-init-package} or
 * {@code platform-arch-init-package}; {@link #toString()} leaves out the platform's default arch, as Kolide's does.
 */
public record Target(Platform platform, Arch arch, Init init, PackageType packageType) {
    public Target {
        requireNonNull(platform, "platform is null");
        requireNonNull(arch, "arch is null");
        requireNonNull(init, "init is null");
        requireNonNull(packageType, "packageType is null");
    }

    /**
     * Parses any name Kolide's package-builder parses, built here or not (see {@link SupportedTargets}).
     *
     * @throws BadInputException naming the part that is not known
     */
    public static Target parse(String name) {
        requireNonNull(name, "name is null");
        String[] parts = name.split("-", -1);
        if (parts.length != 3 && parts.length != 4) {
            throw new BadInputException("target \"" + name + "\": expected platform-init-package or "
                    + "platform-arch-init-package, e.g. linux-systemd-deb");
        }
        Platform platform = lookup(Platform.values(), Platform::id, parts[0], "platform", name);
        Arch arch = parts.length == 4 ? lookup(Arch.values(), Arch::id, parts[1], "arch", name)
                : platform.defaultArch();
        Init init = lookup(Init.values(), Init::id, parts[parts.length - 2], "init", name);
        PackageType type = lookup(PackageType.values(), PackageType::id, parts[parts.length - 1], "package", name);
        return new Target(platform, arch, init, type);
    }

    private static <E extends Enum<E>> E lookup(E[] values, java.util.function.Function<E, String> id, String part,
            String what, String name) {
        for (E value : values) {
            if (id.apply(value).equals(part)) {
                return value;
            }
        }
        throw new BadInputException("target \"" + name + "\": unknown " + what + " \"" + part + "\"; one of "
                + Arrays.stream(values).map(id).collect(Collectors.joining(", ")));
    }

    /** The package's file name, Kolide's {@code launcher.<target>.<package>}. */
    public String fileName() {
        return "launcher." + this + "." + packageType.id();
    }

    @Override
    public String toString() {
        String archPart = arch == platform.defaultArch() ? "" : arch.id() + "-";
        return platform.id() + "-" + archPart + init.id() + "-" + packageType.id();
    }
}
