package dev.kolide.fleet.client;

import java.util.List;

/** {@code kind: enroll_secret}: secrets upserted by name; a secret is never deleted, only deactivated. */
public record EnrollSecretSpec(List<Secret> secrets) {

    public EnrollSecretSpec {
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
    }

    /** One named secret; {@link #toString()} leaves the secret out so it never reaches a log. */
    public record Secret(String name, String secret, Boolean active) {
        @Override
        public String toString() {
            return "Secret[name=" + name + ", active=" + active + "]";
        }
    }
}
