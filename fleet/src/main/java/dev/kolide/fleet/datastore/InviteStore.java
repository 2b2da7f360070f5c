package dev.kolide.fleet.datastore;

import dev.kolide.fleet.domain.Invite;
import dev.kolide.fleet.domain.NewInvite;
import java.util.List;
import java.util.Optional;

/**
 * Pending invitations. One per email; tokens are unique.
 *
 * <p>List order keys: {@code id}, {@code email}, {@code name}, {@code created_at}.
 */
public interface InviteStore {

    /** AlreadyExistsException when the email is already invited. */
    Invite create(NewInvite invite);

    Optional<Invite> find(long id);

    Optional<Invite> findByToken(String token);

    Optional<Invite> findByEmail(String email);

    List<Invite> list(ListOptions options);

    void delete(long id);
}
