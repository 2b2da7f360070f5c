package dev.kolide.fleet.datastore;

import dev.kolide.fleet.domain.PasswordResetRequest;
import java.time.Instant;
import java.util.Optional;

/** Forgotten-password requests; the service checks expiry against its clock. */
public interface PasswordResetStore {

    /** NotFoundException for an unknown user. */
    PasswordResetRequest create(long userId, String token, Instant expiresAt);

    Optional<PasswordResetRequest> findByToken(String token);

    /** Deletes every request of a user (after a successful reset). @return how many */
    int deleteForUser(long userId);

    /** Deletes requests that expired before {@code now}. @return how many */
    int deleteExpired(Instant now);
}
