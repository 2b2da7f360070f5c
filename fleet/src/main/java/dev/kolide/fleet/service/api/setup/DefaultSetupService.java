package dev.kolide.fleet.service.api.setup;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.Datastore;
import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.domain.EnrollSecret;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.domain.UserRole;
import dev.kolide.fleet.service.api.Problems;
import dev.kolide.fleet.service.api.StateConflictException;
import dev.kolide.fleet.service.api.config.ServerUrls;
import dev.kolide.fleet.service.api.sessions.SessionIssuer;
import dev.kolide.fleet.service.api.users.NewUserInput;
import dev.kolide.fleet.service.api.users.UserAccounts;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** {@link SetupService} over the datastore. */
public final class DefaultSetupService implements SetupService {

    /** The enroll secret setup creates, as Kolide Fleet named it. */
    public static final String DEFAULT_SECRET_NAME = "default";
    /** Random bytes in a generated enroll secret (Kolide: 24, base64). */
    private static final int GENERATED_SECRET_BYTES = 24;

    private final Datastore datastore;
    private final UserAccounts accounts;
    private final SessionIssuer sessions;
    private final SecureRandom random;

    public DefaultSetupService(Datastore datastore, UserAccounts accounts, SessionIssuer sessions,
            SecureRandom random) {
        this.datastore = requireNonNull(datastore, "datastore is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.random = requireNonNull(random, "random is null");
    }

    @Override
    public boolean required() {
        return datastore.users().count() == 0;
    }

    /**
     * Synchronized so that two first requests on this node cannot both create an admin. Across nodes the
     * unique username and email still stop two identical setups, not two different ones; setup is run once, by
     * hand, and the window is the time between two statements.
     */
    @Override
    public synchronized SetupResult setup(SetupInput input) {
        requireNonNull(input, "input is null");
        if (!required()) {
            throw new StateConflictException("setup has already been done: users exist; log in instead");
        }
        NewUserInput admin = input.admin();
        Problems problems = new Problems();
        if (admin == null) {
            problems.add("admin", "cannot be empty");
        } else {
            UserAccounts.check(problems, "admin.", admin);
        }
        ServerUrls.check(problems, "kolide_server_url", input.serverUrl());
        problems.limitLength("org_info.org_name", input.orgName(), 255)
                .limitLength("org_info.org_logo_url", input.orgLogoUrl(), 1024)
                .limitLength("kolide_server_url", input.serverUrl(), 1024)
                .limitLength("osquery_enroll_secret", input.enrollSecret(), 255);
        problems.throwIfAny();

        // Setup makes an admin whatever the request says: it is the first user.
        User user = accounts.create("admin.", admin, UserRole.ADMIN);
        AppConfig current = datastore.appConfig().get();
        AppConfig config = new AppConfig(orEmpty(input.orgName()), orEmpty(input.orgLogoUrl()),
                orEmpty(input.serverUrl()), current.hostExpiryEnabled(), current.hostExpiryWindowDays(),
                current.liveQueryDisabled(), current.additionalQueries());
        datastore.appConfig().save(config);
        String secret = enrollSecret(input.enrollSecret());
        return new SetupResult(user, config, secret, sessions.issue(user));
    }

    /** The given secret, saved as "default"; else the existing "default"; else a new random one. */
    private String enrollSecret(String given) {
        if (given != null && !given.isBlank()) {
            datastore.enrollSecrets().apply(List.of(new EnrollSecret(DEFAULT_SECRET_NAME, given, true)));
            return given;
        }
        Optional<EnrollSecret> existing = datastore.enrollSecrets().list().stream()
                .filter(s -> s.name().equals(DEFAULT_SECRET_NAME))
                .findFirst();
        if (existing.isPresent()) {
            return existing.get().secret();
        }
        byte[] bytes = new byte[GENERATED_SECRET_BYTES];
        random.nextBytes(bytes);
        String generated = Base64.getEncoder().encodeToString(bytes);
        datastore.enrollSecrets().apply(List.of(new EnrollSecret(DEFAULT_SECRET_NAME, generated, true)));
        return generated;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
