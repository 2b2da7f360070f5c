package dev.kolide.fleet.datastore;

import dev.kolide.fleet.domain.Session;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Login sessions. Keys are unique and compared byte for byte. */
public interface SessionStore {

    /** A new session for the user, created and accessed now. NotFoundException for an unknown user. */
    Session create(long userId, String key);

    Optional<Session> find(long id);

    Optional<Session> findByKey(String key);

    List<Session> listForUser(long userId);

    /** Records a use of the session (keeps it from expiring). NotFoundException when it is gone. */
    void touch(long id, Instant accessedAt);

    void delete(long id);

    /** Logs the user out everywhere. @return how many sessions were deleted */
    int deleteAllForUser(long userId);

    /** Deletes sessions not used since {@code cutoff}. @return how many */
    int deleteAccessedBefore(Instant cutoff);
}
