package dev.kolide.updater.tuf;

/** The trusted targets metadata lists no such target (in any role that may list it). */
public final class NoSuchTargetException extends TufException {
    private static final long serialVersionUID = 1L;

    public NoSuchTargetException(String target) {
        super(target, "no such target: " + target, null);
    }
}
