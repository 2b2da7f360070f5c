package dev.kolide.fleet.transport.http.api.sessions;

import dev.kolide.fleet.domain.Session;
import java.time.Instant;

/** A session as Kolide Fleet shows one; never its key. */
public record SessionJson(long sessionId, long userId, Instant createdAt) {

    public static SessionJson from(Session session) {
        return new SessionJson(session.id(), session.userId(), session.createdAt());
    }
}
