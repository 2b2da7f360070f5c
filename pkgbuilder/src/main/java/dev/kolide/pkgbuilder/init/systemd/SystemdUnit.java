package dev.kolide.pkgbuilder.init.systemd;

import dev.kolide.pkgbuilder.layout.InstallPaths;

/** The systemd unit {@code launcher.<id>.service}: Kolide's, with network-online ordering. */
public final class SystemdUnit {
    private SystemdUnit() {}

    public static String unitName(String identifier) {
        return "launcher." + identifier + ".service";
    }

    public static String render(String identifier, InstallPaths paths) {
        return "[Unit]\n"
                + "Description=The Kolide Launcher (" + identifier + ")\n"
                // the launcher enrolls with a server at start: wait for the network when a unit provides it
                + "Wants=network-online.target\n"
                + "After=network-online.target\n"
                + "\n"
                + "[Service]\n"
                + "ExecStart=" + paths.launcher() + " --config " + paths.flagsFile() + "\n"
                + "Restart=on-failure\n"
                + "RestartSec=3\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=multi-user.target\n";
    }
}
