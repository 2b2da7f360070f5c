package dev.kolide.pkgbuilder.layout;

import dev.kolide.pkgbuilder.target.Init;

/**
 * The lintian overrides shipped in every deb ({@code /usr/share/lintian/overrides/<package>}), each with the
 * reason it is not fixed. lintian reads them from the package itself, so a plain {@code lintian x.deb} is clean.
 * Each is as narrow as lintian allows: a tag plus the paths it may name.
 */
final class LintianOverrides {
    private LintianOverrides() {}

    static String render(String pkg, Init init, InstallPaths paths) {
        StringBuilder out = new StringBuilder();
        String bin = paths.binDir().substring(1);
        add(out, pkg, "file-in-unusual-dir [" + bin + "/*]",
                "Kolide's layout: launcher and osqueryd live in <bin_root>/<id>/bin (--bin_root_dir, /usr/local by "
                        + "default), where Kolide's tooling and docs expect them");
        String binRoot = bin.substring(0, bin.lastIndexOf('/'));
        if (("/" + bin).startsWith("/usr/local/")) {
            add(out, pkg, "dir-in-usr-local [" + binRoot + "/*]",
                    "as above: Kolide installs into /usr/local/<id> by default; --bin_root_dir=/opt avoids it");
            add(out, pkg, "file-in-usr-local [" + bin + "/*]", "as for dir-in-usr-local");
        }
        add(out, pkg, "no-changelog",
                "a generated, per-customer package: its history is the launcher's, not a Debian changelog");
        if (init == Init.SYSTEMD) {
            add(out, pkg, "maintainer-script-calls-systemctl",
                    "built without debhelper, so no deb-systemd-helper; the scripts call systemctl only when "
                            + "/run/systemd/system exists, as Kolide's postinstall does");
        }
        String varDir = paths.rootDir().substring(1, paths.rootDir().lastIndexOf('/') + 1);
        add(out, pkg, "non-standard-dir-in-var [" + varDir + "]",
                "Kolide's layout: the launcher's root directory is /var/<id>/<host>; existing installs and the flags "
                        + "file name it, so it does not move to /var/lib");
        add(out, pkg, "non-standard-file-perm 0600 != 0644 [" + paths.confDir().substring(1) + "/*]",
                "the enroll secret and roots.pem are credentials: root-only, as Kolide ships them");
        add(out, pkg, "non-standard-dir-perm 0700 != 0755 [" + paths.rootDir().substring(1) + "/]",
                "the launcher's root directory holds its database and osquery's socket: root-only");
        if (init == Init.INIT) {
            add(out, pkg, "init.d-script-does-not-source-init-functions",
                    "the script serves Debian and rpm-based systems alike, so it does not rely on lsb-base");
            add(out, pkg, "missing-systemd-service-for-init.d-script",
                    "the init targets are for machines without systemd; systemd machines take the systemd targets");
        }
        return out.toString();
    }

    private static void add(StringBuilder out, String pkg, String tag, String why) {
        out.append("# ").append(why).append('\n').append(pkg).append(": ").append(tag).append('\n');
    }
}
