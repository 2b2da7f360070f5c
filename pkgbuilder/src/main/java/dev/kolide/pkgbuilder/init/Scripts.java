package dev.kolide.pkgbuilder.init;

import static java.util.Objects.requireNonNull;

import dev.kolide.pkgbuilder.init.systemd.SystemdUnit;
import dev.kolide.pkgbuilder.init.sysv.SysvInitScript;
import java.util.Optional;

/**
 * The maintainer scripts of deb and rpm packages (Kolide's {@code postinstall-*.sh} and prerm). One script serves
 * both: dpkg passes {@code configure}/{@code remove}, rpm passes counts ({@code 1}/{@code 2} installs, {@code 0}
 * on the last removal).
 */
public record Scripts(Optional<String> postinstall, Optional<String> prerm, Optional<String> postrm) {
    public Scripts {
        requireNonNull(postinstall, "postinstall is null");
        requireNonNull(prerm, "prerm is null");
        requireNonNull(postrm, "postrm is null");
    }

    public static Scripts none() {
        return new Scripts(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static Scripts systemd(String identifier, String confDir, String version) {
        String unit = SystemdUnit.unitName(identifier);
        String postinstall = header() + installerInfo(identifier, confDir, version)
                // only where systemd runs: a container or chroot install must not fail here
                + "if [ -d /run/systemd/system ]; then\n"
                + "  systemctl daemon-reload\n"
                + "  systemctl enable " + unit + "\n"
                + "  systemctl restart " + unit + "\n"
                + "fi\n"
                + "exit 0\n";
        String prerm = header()
                + "case \"$1\" in\n"
                + "  remove|0)\n"
                + "    if [ -d /run/systemd/system ]; then\n"
                + "      systemctl stop " + unit + " || true\n"
                + "      systemctl disable " + unit + " || true\n"
                + "    fi\n"
                + "    ;;\n"
                + "esac\n"
                + "exit 0\n";
        return new Scripts(Optional.of(postinstall), Optional.of(prerm), Optional.empty());
    }

    public static Scripts sysv(String identifier, String confDir, String version) {
        String service = SysvInitScript.serviceName(identifier);
        String postinstall = header() + installerInfo(identifier, confDir, version)
                + "case \"$1\" in\n"
                + "  configure|abort-upgrade|1|2)\n"
                + "    if command -v update-rc.d >/dev/null 2>&1; then\n"
                + "      update-rc.d " + service + " defaults >/dev/null\n"
                + "      invoke-rc.d " + service + " restart || true\n"
                + "    elif command -v chkconfig >/dev/null 2>&1; then\n"
                + "      chkconfig --add " + service + "\n"
                + "      /etc/init.d/" + service + " restart || true\n"
                + "    fi\n"
                + "    ;;\n"
                + "esac\n"
                + "exit 0\n";
        // Kolide has no prerm for init; without one a removed package leaves its daemon running
        String prerm = header()
                + "case \"$1\" in\n"
                + "  remove|0)\n"
                + "    if command -v invoke-rc.d >/dev/null 2>&1; then\n"
                + "      invoke-rc.d " + service + " stop || true\n"
                + "    else\n"
                + "      /etc/init.d/" + service + " stop || true\n"
                + "    fi\n"
                + "    if [ \"$1\" = 0 ] && command -v chkconfig >/dev/null 2>&1; then\n"
                + "      chkconfig --del " + service + " || true\n"
                + "    fi\n"
                + "    ;;\n"
                + "esac\n"
                + "exit 0\n";
        // dpkg: the rc.d links go when the package is purged (the init script, a conffile, stays until then)
        String postrm = header()
                + "if [ \"$1\" = purge ]; then\n"
                + "  update-rc.d " + service + " remove >/dev/null\n"
                + "fi\n"
                + "exit 0\n";
        return new Scripts(Optional.of(postinstall), Optional.of(prerm), Optional.of(postrm));
    }

    private static String header() {
        return "#!/bin/sh\nset -e\n\n";
    }

    /** Kolide's installer-info.json, written at install time (so it records the installing user and time). */
    private static String installerInfo(String identifier, String confDir, String version) {
        return "mkdir -p " + confDir + "\n"
                + "cat > " + confDir + "/installer-info.json <<EOF\n"
                + "{\n"
                + "  \"identifier\": \"" + identifier + "\",\n"
                + "  \"installer_id\": \"package-builder\",\n"
                + "  \"download_path\": \"\",\n"
                + "  \"download_file\": \"\",\n"
                + "  \"timestamp\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\n"
                + "  \"version\": \"" + version + "\",\n"
                + "  \"user\": \"$(id -un 2>/dev/null || echo unknown)\"\n"
                + "}\n"
                + "EOF\n\n";
    }
}
