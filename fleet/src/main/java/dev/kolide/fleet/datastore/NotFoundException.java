package dev.kolide.fleet.datastore;

/** The row an operation names does not exist: {@code host 42 not found}, {@code label "web" not found}. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }

    /** {@code <what> <id> not found}. */
    public static NotFoundException of(String what, long id) {
        return new NotFoundException(what + " " + id + " not found");
    }

    /** {@code <what> "<name>" not found}. */
    public static NotFoundException of(String what, String name) {
        return new NotFoundException(what + " \"" + name + "\" not found");
    }
}
