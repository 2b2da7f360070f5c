package dev.kolide.pkgbuilder.layout;

import static java.util.Objects.requireNonNull;

/**
 * Where things live once installed, as the flags file and the service definition name them (Kolide's layout,
 * reference §A.3). {@link #posix} gives Linux paths; {@link #windows} the MSI's {@code C:\} paths.
 */
public record InstallPaths(String binDir, String confDir, String rootDir, String launcher, String osqueryd,
        String flagsFile, String secretFile, String rootsPem, char separator) {
    public InstallPaths {
        requireNonNull(binDir, "binDir is null");
        requireNonNull(confDir, "confDir is null");
        requireNonNull(rootDir, "rootDir is null");
        requireNonNull(launcher, "launcher is null");
        requireNonNull(osqueryd, "osqueryd is null");
        requireNonNull(flagsFile, "flagsFile is null");
        requireNonNull(secretFile, "secretFile is null");
        requireNonNull(rootsPem, "rootsPem is null");
    }

    /** {@code <binRoot>/<id>/bin}, {@code /etc/<id>}, {@code /var/<id>/<host with : as ->}. */
    public static InstallPaths posix(String binRoot, String identifier, String hostname) {
        String bin = binRoot + "/" + identifier + "/bin";
        String conf = "/etc/" + identifier;
        return new InstallPaths(bin, conf, "/var/" + identifier + "/" + sanitizeHostname(hostname),
                bin + "/launcher", bin + "/osqueryd", conf + "/launcher.flags", conf + "/secret",
                conf + "/roots.pem", '/');
    }

    /** {@code C:\Program Files\Kolide\Launcher-<id>\{bin,conf}} and {@code C:\ProgramData\Kolide\Launcher-<id>\data}. */
    public static InstallPaths windows(String identifier) {
        String base = "C:\\Program Files\\Kolide\\Launcher-" + identifier;
        String bin = base + "\\bin";
        String conf = base + "\\conf";
        return new InstallPaths(bin, conf, "C:\\ProgramData\\Kolide\\Launcher-" + identifier + "\\data",
                bin + "\\launcher.exe", bin + "\\osqueryd.exe", conf + "\\launcher.flags", conf + "\\secret",
                conf + "\\roots.pem", '\\');
    }

    /** Kolide's rule: the root directory is named after the server, with {@code :} (the port) as {@code -}. */
    public static String sanitizeHostname(String hostname) {
        return hostname.replace(':', '-');
    }
}
