package dev.kolide.fleet.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Hashes and checks user passwords as Kolide Fleet did: bcrypt over the password followed by a per-user random
 * salt (base64 of {@code auth.salt_key_size} random bytes), the salt stored beside the hash.
 *
 * <p><b>Long passwords.</b> bcrypt reads only the first 72 bytes of its input; Kolide's Go code let it cut the
 * rest silently, so with the default 32-character salt a password over 40 bytes lost part or all of its salt, and
 * two passwords sharing their first 72 bytes hashed alike. Here:
 * <ul>
 *   <li>When password + salt fit in 72 UTF-8 bytes (every password up to 40 bytes with the default salt), the
 *       bcrypt input is exactly Kolide's, so hashes move between Kolide Fleet's database and this one both ways.
 *   <li>When they do not fit, the bcrypt input is {@code base64(HMAC-SHA256(key = salt, password))}: 44 bytes
 *       that depend on every byte of the password and on the salt. Nothing is refused, nothing is cut.
 *   <li>A long password that does not match that way is also tried the way Kolide hashed it (cut at 72 bytes),
 *       so users migrated from Kolide Fleet keep logging in. That costs a second bcrypt only for wrong long
 *       passwords; the login rate limit bounds how often that can be asked for.
 * </ul>
 * Which way applies depends only on the password and salt lengths, so no marker is stored.
 *
 * <p>New hashes are written as {@code $2a$}, as Go's bcrypt wrote them; {@code $2a$}, {@code $2b$} and
 * {@code $2y$} strings are all checked (they differ only in bugs of other implementations that BouncyCastle
 * does not have).
 */
public final class PasswordHasher {
    public static final int DEFAULT_COST = 12;
    public static final int DEFAULT_SALT_KEY_SIZE = 24;
    /** bcrypt's own limits on the cost (log2 of the rounds). */
    public static final int MIN_COST = 4;
    public static final int MAX_COST = 31;
    /** bcrypt reads this many input bytes and no more. */
    static final int BCRYPT_MAX_BYTES = 72;

    private static final String VERSION = "2a";
    private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$(\\d{2})\\$[./A-Za-z0-9]{53}");
    private static final int BCRYPT_SALT_BYTES = 16;

    private final int cost;
    private final int saltKeySize;
    private final SecureRandom random;

    /**
     * @param cost bcrypt cost, {@value #MIN_COST}..{@value #MAX_COST}; Kolide's default is {@value #DEFAULT_COST}
     *     (about a quarter of a second per hash on a server core)
     * @param saltKeySize random bytes in Kolide's per-user salt ({@value #DEFAULT_SALT_KEY_SIZE}); 0 for none
     */
    public PasswordHasher(int cost, int saltKeySize, SecureRandom random) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException(
                    "bcrypt cost must be between " + MIN_COST + " and " + MAX_COST + ", not " + cost);
        }
        if (saltKeySize < 0) {
            throw new IllegalArgumentException("salt key size must not be negative, not " + saltKeySize);
        }
        this.cost = cost;
        this.saltKeySize = saltKeySize;
        this.random = requireNonNull(random, "random is null");
    }

    /** A new salt and the bcrypt hash of {@code password} with it. */
    public HashedPassword hash(String password) {
        requireNonNull(password, "password is null");
        byte[] saltBytes = new byte[saltKeySize];
        random.nextBytes(saltBytes);
        String salt = Base64.getEncoder().encodeToString(saltBytes);
        byte[] bcryptSalt = new byte[BCRYPT_SALT_BYTES];
        random.nextBytes(bcryptSalt);
        String hash = OpenBSDBCrypt.generate(VERSION, bcryptInput(password, salt), bcryptSalt, cost);
        return new HashedPassword(hash, salt);
    }

    /**
     * Whether {@code password} is the one {@code stored} was made from.
     *
     * @throws IllegalArgumentException if the stored hash is not a bcrypt string (a damaged users row)
     */
    public boolean matches(String password, HashedPassword stored) {
        requireNonNull(password, "password is null");
        requireNonNull(stored, "stored is null");
        checkShape(stored.hash());
        byte[] kolideInput = kolideInput(password, stored.salt());
        if (kolideInput.length <= BCRYPT_MAX_BYTES) {
            return OpenBSDBCrypt.checkPassword(stored.hash(), kolideInput);
        }
        return OpenBSDBCrypt.checkPassword(stored.hash(), preHashed(password, stored.salt()))
                // bcrypt cuts Kolide's input at 72 bytes itself, as Go's did.
                || OpenBSDBCrypt.checkPassword(stored.hash(), kolideInput);
    }

    /** Whether {@code stored} was hashed at another cost than this hasher's, so the next login should rehash it. */
    public boolean needsRehash(HashedPassword stored) {
        requireNonNull(stored, "stored is null");
        return costOf(stored.hash()) != cost;
    }

    private static int costOf(String hash) {
        return Integer.parseInt(checkShape(hash).group(1));
    }

    private static Matcher checkShape(String hash) {
        Matcher m = BCRYPT.matcher(hash);
        if (!m.matches()) {
            // Never echo the stored value: it is a password hash.
            throw new IllegalArgumentException("the stored password hash is not a bcrypt string");
        }
        return m;
    }

    private static byte[] bcryptInput(String password, String salt) {
        byte[] kolideInput = kolideInput(password, salt);
        return kolideInput.length <= BCRYPT_MAX_BYTES ? kolideInput : preHashed(password, salt);
    }

    private static byte[] kolideInput(String password, String salt) {
        return (password + salt).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] preHashed(String password, String salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An empty HMAC key is not allowed by the JCE; a salt size of 0 gets a fixed one-byte key instead.
            byte[] key = salt.isEmpty() ? new byte[1] : salt.getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encode(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("pre-hashing a long password with HMAC-SHA256", e);
        }
    }
}
