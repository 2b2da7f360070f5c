package dev.kolide.fleet.service.api.config;

/** One secret of an enroll secret spec; {@code active} null means active. */
public record EnrollSecretInput(String name, String secret, Boolean active) {

    /** Leaves out the secret. */
    @Override
    public String toString() {
        return "EnrollSecretInput[name=" + name + ", active=" + active + "]";
    }
}
