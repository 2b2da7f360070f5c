package dev.kolide.fleet.datastore;

/**
 * A unique name, key or secret is already taken: {@code label "web" already exists}. Raised from the
 * database's unique-key violation, so concurrent creators get it too.
 */
public class AlreadyExistsException extends ConflictException {

    public AlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code <what> "<name>" already exists}. */
    public static AlreadyExistsException of(String what, String name, Throwable cause) {
        return new AlreadyExistsException(what + " \"" + name + "\" already exists", cause);
    }
}
