package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

/** A begun carve: its id in fleet, and the session id, the secret osquery sends its blocks with. */
public record CarveSession(long carveId, String sessionId) {

    public CarveSession {
        requireNonNull(sessionId, "sessionId is null");
    }

    /** Leaves out the session id. */
    @Override
    public String toString() {
        return "CarveSession[carveId=" + carveId + "]";
    }
}
