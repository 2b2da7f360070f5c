package dev.kolide.pkgbuilder.target;

/** How the package starts the launcher (reference §A.2); this builder writes systemd, init (SysV) and service. */
public enum Init {
    LAUNCHD("launchd"),
    SYSTEMD("systemd"),
    INIT("init"),
    UPSTART("upstart"),
    SERVICE("service"),
    NONE("none"),
    UPSTART_AMAZON_AMI("upstart_amazon_ami");

    private final String id;

    Init(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
