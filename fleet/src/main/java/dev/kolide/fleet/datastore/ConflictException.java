package dev.kolide.fleet.datastore;

/**
 * The stored state forbids the operation: deleting a built-in label, a carve block out of sequence, members
 * for a dynamic label. Nothing was changed. {@link AlreadyExistsException} is the unique-key case.
 */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
