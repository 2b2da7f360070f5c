package dev.kolide.pkgbuilder;

/** Input the user must fix (a flag, a file): the CLI reports it and exits 2, and no package is written. */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
