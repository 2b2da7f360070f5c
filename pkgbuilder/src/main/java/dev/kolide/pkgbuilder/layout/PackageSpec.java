package dev.kolide.pkgbuilder.layout;

import static java.util.Objects.requireNonNull;

import dev.kolide.pkgbuilder.init.Scripts;
import dev.kolide.pkgbuilder.init.windows.WindowsService;
import dev.kolide.pkgbuilder.target.Target;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a format writer needs for one target: names, the tree, scripts and relations. Writers add only
 * what their format spells differently (the Java runtime dependency, control fields, WiX XML).
 *
 * @param name {@code launcher-<id>}, Kolide's package name
 * @param replaces packages this one replaces and conflicts with: the plain {@code launcher} package
 */
public record PackageSpec(Target target, String name, String identifier, String version, String summary,
        String description, PackageTree tree, Scripts scripts, List<String> replaces,
        Optional<WindowsService> service, Instant mtime) {
    public static final String MAINTAINER = "Kolide <engineering@kolide.co>";
    public static final String HOMEPAGE = "https://github.com/kolide/launcher";
    public static final String LICENSE = "MIT";

    public PackageSpec {
        requireNonNull(target, "target is null");
        requireNonNull(name, "name is null");
        requireNonNull(identifier, "identifier is null");
        requireNonNull(version, "version is null");
        requireNonNull(summary, "summary is null");
        requireNonNull(description, "description is null");
        requireNonNull(tree, "tree is null");
        requireNonNull(scripts, "scripts is null");
        replaces = List.copyOf(replaces);
        requireNonNull(service, "service is null");
        requireNonNull(mtime, "mtime is null");
    }
}
