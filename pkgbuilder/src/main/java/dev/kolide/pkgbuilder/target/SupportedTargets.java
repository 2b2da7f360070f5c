package dev.kolide.pkgbuilder.target;

import dev.kolide.pkgbuilder.BadInputException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The targets this builder makes, in the order {@code list-targets} prints them. Other valid names (darwin pkgs,
 * upstart, pacman, arm64) parse but are refused: they are not built here.
 */
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
     * The target {@code name} names, when this builder makes it.
     *
     * @throws BadInputException for a malformed name or a target not built here
     */
    public Target require(String name) {
        Target target = Target.parse(name);
        if (!all.contains(target)) {
            throw new BadInputException("target " + target + " is not built here; built: "
                    + all.stream().map(Target::toString).collect(Collectors.joining(", ")));
        }
        return target;
    }
}
