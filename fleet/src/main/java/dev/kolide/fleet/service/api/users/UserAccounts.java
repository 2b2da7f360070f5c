package dev.kolide.fleet.service.api.users;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.auth.HashedPassword;
import dev.kolide.fleet.auth.PasswordHasher;
import dev.kolide.fleet.auth.PasswordRule;
import dev.kolide.fleet.datastore.UserStore;
import dev.kolide.fleet.domain.NewUser;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.domain.UserRole;
import dev.kolide.fleet.service.api.Problems;
import java.util.regex.Pattern;

/**
 * The rules for user fields and passwords, shared by the user service and first-run setup: usernames and emails
 * are required (an email has one {@code @} with something either side), passwords follow Kolide's rule
 * ({@link PasswordRule}) and are stored as bcrypt with Kolide's per-user salt.
 */
public final class UserAccounts {

    /** The users table's VARCHAR(255). */
    public static final int MAX_LENGTH = 255;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final UserStore users;
    private final PasswordHasher hasher;

    public UserAccounts(UserStore users, PasswordHasher hasher) {
        this.users = requireNonNull(users, "users is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
    }

    /**
     * Checks and creates a user. {@code prefix} names the fields in errors ({@code "admin."} for setup's
     * {@code admin.password}). AlreadyExistsException (409) when the username or email is taken.
     */
    public User create(String prefix, NewUserInput input, UserRole role) {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(input, "input is null");
        requireNonNull(role, "role is null");
        Problems problems = new Problems();
        check(problems, prefix, input);
        problems.throwIfAny();
        HashedPassword password = hasher.hash(input.password());
        return users.create(new NewUser(input.username().strip(), orEmpty(input.name()), input.email().strip(),
                password.hash(), password.salt(), role, Boolean.TRUE.equals(input.forcePasswordReset()),
                Boolean.TRUE.equals(input.ssoEnabled()), orEmpty(input.position()), orEmpty(input.gravatarUrl())));
    }

    /** Adds the problems of a new user's fields, named with {@code prefix}. */
    public static void check(Problems problems, String prefix, NewUserInput input) {
        checkProfile(problems, prefix, input.username(), input.email(), true);
        problems.limitLength(prefix + "name", input.name(), MAX_LENGTH)
                .limitLength(prefix + "position", input.position(), MAX_LENGTH)
                .limitLength(prefix + "gravatar_url", input.gravatarUrl(), 1024);
        checkPassword(problems, prefix + "password", input.password());
    }

    /**
     * Adds the problems of a username and email; with {@code required} false, null values (not given) pass.
     */
    public static void checkProfile(Problems problems, String prefix, String username, String email,
            boolean required) {
        if (required) {
            problems.requireText(prefix + "username", username).requireText(prefix + "email", email);
        } else {
            problems.rejectBlank(prefix + "username", username).rejectBlank(prefix + "email", email);
        }
        problems.limitLength(prefix + "username", username, MAX_LENGTH)
                .limitLength(prefix + "email", email, MAX_LENGTH);
        if (email != null && !email.isBlank() && !EMAIL.matcher(email.strip()).matches()) {
            problems.add(prefix + "email", "is not an email address");
        }
    }

    /** Adds the problem of a new password, if it has one (missing, or against Kolide's rule). */
    public static void checkPassword(Problems problems, String field, String password) {
        if (password == null || password.isEmpty()) {
            problems.add(field, "cannot be empty");
            return;
        }
        PasswordRule.check(password).ifPresent(reason -> problems.add(field, reason));
    }

    /** A new hash of an already checked password. */
    public HashedPassword hash(String password) {
        return hasher.hash(requireNonNull(password, "password is null"));
    }

    /** Whether {@code password} is {@code user}'s. */
    public boolean matches(String password, User user) {
        requireNonNull(password, "password is null");
        requireNonNull(user, "user is null");
        return hasher.matches(password, new HashedPassword(user.passwordHash(), user.passwordSalt()));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
