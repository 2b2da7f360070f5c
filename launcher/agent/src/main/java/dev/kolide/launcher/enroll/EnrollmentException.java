package dev.kolide.launcher.enroll;

/** Enrollment could not be attempted: no secret, or osqueryd would not say what the host is. */
public final class EnrollmentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EnrollmentException(String message) {
        super(message);
    }

    public EnrollmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
