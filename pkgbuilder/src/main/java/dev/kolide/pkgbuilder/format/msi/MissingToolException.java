package dev.kolide.pkgbuilder.format.msi;

/** A program a format needs is not installed; the message names it and how to get it. */
public final class MissingToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MissingToolException(String message) {
        super(message);
    }
}
