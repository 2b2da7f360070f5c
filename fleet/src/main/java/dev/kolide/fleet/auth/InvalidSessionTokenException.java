package dev.kolide.fleet.auth;

import static java.util.Objects.requireNonNull;

/**
 * A session token that cannot be trusted; the HTTP layer answers 401. The message says why, never what the
 * token held.
 */
public final class InvalidSessionTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the token was refused. */
    public enum Reason {
        /** Not a compact JWS, bad base64 or JSON, too long. */
        MALFORMED("is malformed"),
        /** Signed with another algorithm than HS256, or not signed at all ({@code alg: none}). */
        WRONG_ALGORITHM("is not signed with HS256"),
        /** The signature does not match: another key, or a changed header or payload. */
        BAD_SIGNATURE("has an invalid signature"),
        /** Past its {@code exp}. */
        EXPIRED("has expired"),
        /** Before its {@code nbf}. */
        NOT_YET_VALID("is not valid yet"),
        /** Signed correctly but without a string {@code session_key} claim. */
        NO_SESSION_KEY("carries no session key");

        private final String description;

        Reason(String description) {
            this.description = description;
        }
    }

    private final Reason reason;

    InvalidSessionTokenException(Reason reason, Throwable cause) {
        super("session token " + requireNonNull(reason, "reason is null").description, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
