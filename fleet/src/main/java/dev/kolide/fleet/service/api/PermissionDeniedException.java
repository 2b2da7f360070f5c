package dev.kolide.fleet.service.api;

/** The viewer is authenticated but their role does not allow this (HTTP 403). */
public class PermissionDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(String message) {
        super(message);
    }
}
