package dev.kolide.fleet.datastore;

import dev.kolide.fleet.domain.NewUser;
import dev.kolide.fleet.domain.User;
import java.util.List;
import java.util.Optional;

/**
 * Users. Usernames and emails are unique (case-insensitive on MariaDB). Users are usually disabled rather than
 * deleted; deleting one deletes its sessions and clears it as author of queries and campaigns.
 *
 * <p>List order keys: {@code id}, {@code username}, {@code name}, {@code email}, {@code created_at},
 * {@code updated_at}.
 */
public interface UserStore {

    /** AlreadyExistsException when the username or the email is taken. */
    User create(NewUser user);

    Optional<User> find(long id);

    Optional<User> findByUsername(String username);

    Optional<User> findByEmail(String email);

    List<User> list(ListOptions options);

    /**
     * Saves every field of {@code user} but id and created_at (username, name, email, password hash and salt,
     * role, enabled, forced reset, SSO, position, gravatar URL) and returns the stored user.
     */
    User update(User user);

    void delete(long id);

    /** How many users exist: setup is allowed only while this is 0. */
    long count();
}
