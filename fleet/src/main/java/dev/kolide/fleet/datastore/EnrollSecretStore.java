package dev.kolide.fleet.datastore;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.EnrollSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Enroll secrets, by name. Never deleted: applying a spec creates new names, changes secrets and (de)activates;
 * names left out of a spec are kept as they are.
 *
 * <p>Matching a presented secret is done in Java, not in SQL: {@link #active()} returns the (few) active
 * secrets and {@link #findActiveMatching} compares each in constant time. A SQL {@code WHERE secret = ?} would
 * leak timing through the index lookup and, under MariaDB's usual collations, match case-insensitively and
 * ignore trailing spaces.
 */
public interface EnrollSecretStore {

    /**
     * Creates or updates each secret by name, in one transaction. AlreadyExistsException when a secret value
     * is already used by another name (a value identifies one name).
     */
    void apply(Collection<EnrollSecret> secrets);

    /** All secrets, active or not, by name. */
    List<EnrollSecret> list();

    /** The active secrets, by name. */
    List<EnrollSecret> active();

    /**
     * The active secret equal to {@code presented}. Every active secret is compared, through SHA-256 digests
     * (equal lengths) with {@link MessageDigest#isEqual}, without early exit: neither the match, its position nor
     * the secrets' lengths leak through timing.
     */
    default Optional<EnrollSecret> findActiveMatching(String presented) {
        requireNonNull(presented, "presented is null");
        byte[] candidate = sha256(presented);
        EnrollSecret match = null;
        for (EnrollSecret secret : active()) {
            boolean equal = MessageDigest.isEqual(sha256(secret.secret()), candidate);
            if (equal && match == null) {
                match = secret;
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
