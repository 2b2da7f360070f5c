package dev.kolide.pkgbuilder.osquery;

/** A downloaded osqueryd archive that is verified but unusable: no binary, or entries we will not unpack. */
public final class ArchiveRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArchiveRefusedException(String message) {
        super(message);
    }

    public ArchiveRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
