package dev.kolide.pkgbuilder.flags;

import static java.util.Objects.requireNonNull;

import dev.kolide.pkgbuilder.PackageOptions;
import dev.kolide.pkgbuilder.layout.InstallPaths;

/**
 * Renders {@code launcher.flags}, read by {@code launcher --config}: one {@code flag value} or bare {@code flag}
 * per line, in Kolide's order (hostname, root_directory, osqueryd_path, enroll_secret_path, then the extras).
 *
 * <p>Only flags this repository's launcher knows are written: it refuses a flag file with an unknown flag, so
 * Kolide's {@code identifier} line (the identifier only shards paths here) and {@code autoupdate}/
 * {@code update_channel} (no autoupdate yet) are left out.
 */
public final class LauncherFlagsFile {
    private LauncherFlagsFile() {}

    public static String render(PackageOptions options, InstallPaths paths) {
        requireNonNull(options, "options is null");
        requireNonNull(paths, "paths is null");
        StringBuilder out = new StringBuilder();
        line(out, "hostname", options.hostname());
        line(out, "root_directory", paths.rootDir());
        line(out, "osqueryd_path", paths.osqueryd());
        // named even with omit_secret: the secret is then put in place by other means (Kolide's rule)
        line(out, "enroll_secret_path", paths.secretFile());
        if (!options.transport().isEmpty()) {
            line(out, "transport", options.transport());
        }
        if (options.insecure()) {
            bare(out, "insecure");
        }
        if (options.insecureTransport()) {
            bare(out, "insecure_transport");
        }
        if (!options.certPins().isEmpty()) {
            line(out, "cert_pins", options.certPins());
        }
        if (options.rootPem().isPresent()) {
            line(out, "root_pem", paths.rootsPem());
        }
        for (String flag : options.osqueryFlags()) {
            line(out, "osquery_flag", flag);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void bare(StringBuilder out, String name) {
        out.append(name).append('\n');
    }
}
