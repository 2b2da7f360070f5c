package dev.kolide.pkgbuilder.target;

import dev.kolide.pkgbuilder.BadInputException;
import java.util.List;

/** The targets this package-builder builds, in {@code list-targets} order; Kolide's other names parse but are refused. */
public final class SupportedTargets {
    private final List<Target> all = List.of(
            Target.parse("linux-systemd-deb"),
            Target.parse("linux-systemd-rpm"),
            Target.parse("linux-init-deb"),
            Target.parse("linux-init-rpm"),
            Target.parse("linux-systemd-tar"),
            Target.parse("windows-service-msi"));

    public List<Target> all() {
        return all;
    }

    /**
     * The target called {@code name}.
     *
     * @throws BadInputException when the name does not parse, or names a target not built here
     */
    public Target require(String name) {
        Target target = Target.parse(name);
        if (!all.contains(target)) {
            throw new BadInputException("--targets: " + name + " is not built here; see list-targets");
        }
        return target;
    }
}
