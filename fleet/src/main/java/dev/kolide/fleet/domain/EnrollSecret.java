package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

/**
 * A named secret that osquery presents to enroll. Secrets are never deleted, only deactivated: an inactive
 * secret refuses new enrollments and hosts keep the name they enrolled with.
 */
public record EnrollSecret(String name, String secret, boolean active) {

    public EnrollSecret {
        requireNonNull(name, "name is null");
        requireNonNull(secret, "secret is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("enroll secret name is empty");
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("enroll secret " + name + " is empty");
        }
    }

    /** Leaves out the secret. */
    @Override
    public String toString() {
        return "EnrollSecret[name=" + name + ", active=" + active + "]";
    }
}
