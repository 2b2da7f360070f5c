package dev.kolide.fleet.config;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * A setting that must not be shown: a password or a signing key. {@link #toString()} prints {@code ********}, so
 * a secret inside a record, a log line or an exception message stays hidden; {@link #reveal()} is the one way in.
 */
public final class Secret {
    public static final String REDACTED = "********";

    private final String value;

    public Secret(String value) {
        this.value = requireNonNull(value, "value is null");
    }

    /** The secret itself, for the one place that needs it (a connection, a signer). */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), secret.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
