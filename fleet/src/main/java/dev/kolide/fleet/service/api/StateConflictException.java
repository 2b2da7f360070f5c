package dev.kolide.fleet.service.api;

/**
 * What exists forbids the request, though it is well formed: setup after the first user, downloading a carve
 * still being uploaded (HTTP 409). Name clashes come from the datastore as AlreadyExistsException instead.
 */
public class StateConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateConflictException(String message) {
        super(message);
    }
}
