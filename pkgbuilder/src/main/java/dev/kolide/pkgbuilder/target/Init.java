package dev.kolide.pkgbuilder.target;

import java.util.Locale;

/** How the launcher is started (Kolide's {@code packaging.InitFlavor}). */
public enum Init {
    LAUNCHD, SYSTEMD, INIT, UPSTART, SERVICE, NONE, UPSTART_AMAZON_AMI;

    /** The name in target strings: {@code systemd}, {@code upstart_amazon_ami}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
