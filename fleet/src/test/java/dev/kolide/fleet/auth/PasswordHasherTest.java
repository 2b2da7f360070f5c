package dev.kolide.fleet.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordHasherTest {
    /** The lowest cost bcrypt allows, so that most tests take milliseconds. */
    private static final int FAST = 4;

    private final SecureRandom random = new SecureRandom();
    private final PasswordHasher hasher = new PasswordHasher(FAST, 24, random);

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        HashedPassword stored = hasher.hash("s3cret!pass");

        assertThat(hasher.matches("s3cret!pass", stored)).isTrue();
        assertThat(hasher.matches("s3cret!pasS", stored)).isFalse();
        assertThat(hasher.matches("", stored)).isFalse();
    }

    @Test
    void theSaltIsBase64OfTheConfiguredNumberOfRandomBytesAndNewForEveryHash() {
        HashedPassword first = hasher.hash("same password 1!");
        HashedPassword second = hasher.hash("same password 1!");

        assertThat(Base64.getDecoder().decode(first.salt())).hasSize(24);
        assertThat(first.salt()).hasSize(32).isNotEqualTo(second.salt());
        assertThat(first.hash()).isNotEqualTo(second.hash());
    }

    @Test
    void hashesAreWrittenAsGoBcryptWroteThemAtTheConfiguredCost() {
        assertThat(hasher.hash("pw1!pw1!").hash()).startsWith("$2a$04$").hasSize(60);
    }

    @Test
    void kolideCost12IsUsedWhenConfigured() {
        PasswordHasher kolide = new PasswordHasher(PasswordHasher.DEFAULT_COST, 24, random);
        HashedPassword stored = kolide.hash("s3cret!pass");

        assertThat(stored.hash()).startsWith("$2a$12$");
        assertThat(kolide.matches("s3cret!pass", stored)).isTrue();
    }

    @Test
    void aHashMadeByKolideFleetMatches() {
        // Kolide: bcrypt(password + salt) with Go's bcrypt, which writes $2a$.
        String salt = "c2FsdHNhbHRzYWx0c2FsdHNhbHRzYWx0";
        String kolideHash = OpenBSDBCrypt.generate("2a", ("hunter2!" + salt).getBytes(StandardCharsets.UTF_8),
                new byte[16], FAST);

        assertThat(hasher.matches("hunter2!", new HashedPassword(kolideHash, salt))).isTrue();
        assertThat(hasher.matches("hunter3!", new HashedPassword(kolideHash, salt))).isFalse();
    }

    @Test
    void aShortPasswordIsHashedExactlyAsKolideFleetDidSoItCanCheckOurHashesToo() {
        HashedPassword stored = hasher.hash("hunter2!");

        byte[] kolideInput = ("hunter2!" + stored.salt()).getBytes(StandardCharsets.UTF_8);
        assertThat(OpenBSDBCrypt.checkPassword(stored.hash(), kolideInput)).isTrue();
    }

    /** The reference vectors of OpenBSD's and jBCrypt's test suites, with no Kolide salt. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "''|$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.",
        "a|$2a$06$m0CrhHm10qJ3lXRY.5zDGO3rS2KdeeWLuGmsfGlMfOxih58VYVfxe",
        "abc|$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i",
        "abcdefghijklmnopqrstuvwxyz|$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC",
        // The same hashes under the other version prefixes: identical for passwords under 255 bytes.
        "abc|$2b$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i",
        "abc|$2y$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i",
    })
    void publishedBcryptVectorsMatchUnderEveryVersionPrefix(String password, String hash) {
        HashedPassword stored = new HashedPassword(hash, "");

        assertThat(hasher.matches(password, stored)).isTrue();
        assertThat(hasher.matches(password + "x", stored)).isFalse();
    }

    @Test
    void longPasswordsThatDifferOnlyAfter72BytesDoNotMatchEachOther() {
        String prefix = "x1!".repeat(30); // 90 bytes: bcrypt alone would never see the last character
        HashedPassword stored = hasher.hash(prefix + "A");

        assertThat(hasher.matches(prefix + "A", stored)).isTrue();
        assertThat(hasher.matches(prefix + "B", stored)).isFalse();
        assertThat(hasher.matches(prefix, stored)).isFalse();
    }

    @Test
    void aPasswordThatFitsWithItsSaltIn72BytesUsesKolidesInputAndOneByteMoreIsPreHashed() {
        String fits = "p4ss!".repeat(8); // 40 bytes + 32 of salt = 72
        String tooLong = fits + "x";

        HashedPassword fitting = hasher.hash(fits);
        HashedPassword preHashed = hasher.hash(tooLong);

        assertThat(OpenBSDBCrypt.checkPassword(fitting.hash(), (fits + fitting.salt()).getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(OpenBSDBCrypt.checkPassword(preHashed.hash(),
                (tooLong + preHashed.salt()).getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(hasher.matches(tooLong, preHashed)).isTrue();
    }

    @Test
    void lengthsCountUtf8BytesNotCharacters() {
        String umlauts = "ü1!".repeat(10); // 30 characters, 40 bytes: fits with a 32-byte salt
        String more = umlauts + "ü"; // 42 bytes: does not

        HashedPassword fitting = hasher.hash(umlauts);
        HashedPassword preHashed = hasher.hash(more);

        assertThat(OpenBSDBCrypt.checkPassword(fitting.hash(),
                (umlauts + fitting.salt()).getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(OpenBSDBCrypt.checkPassword(preHashed.hash(),
                (more + preHashed.salt()).getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(hasher.matches(more, preHashed)).isTrue();
    }

    @Test
    void aLongPasswordHashedByKolideFleetStillMatchesSoMigratedUsersCanLogIn() {
        String salt = "c2FsdHNhbHRzYWx0c2FsdHNhbHRzYWx0";
        String password = "correct horse battery staple, 42 times over";
        // Go's bcrypt read the first 72 bytes of password + salt and ignored the rest.
        String kolideHash = OpenBSDBCrypt.generate("2a", (password + salt).getBytes(StandardCharsets.UTF_8),
                new byte[16], FAST);

        assertThat(hasher.matches(password, new HashedPassword(kolideHash, salt))).isTrue();
        assertThat(hasher.matches("correct horse battery staple, 41 times over", new HashedPassword(kolideHash, salt)))
                .isFalse();
    }

    @Test
    void withoutAKolideSaltLongPasswordsArePreHashedToo() {
        PasswordHasher unsalted = new PasswordHasher(FAST, 0, random);
        String prefix = "y2?".repeat(25);
        HashedPassword stored = unsalted.hash(prefix + "A");

        assertThat(stored.salt()).isEmpty();
        assertThat(unsalted.matches(prefix + "A", stored)).isTrue();
        assertThat(unsalted.matches(prefix + "B", stored)).isFalse();
    }

    @Test
    void aHashAtAnotherCostNeedsRehashing() {
        HashedPassword atFour = hasher.hash("pw1!pw1!");

        assertThat(hasher.needsRehash(atFour)).isFalse();
        assertThat(new PasswordHasher(5, 24, random).needsRehash(atFour)).isTrue();
    }

    @Test
    void aDamagedStoredHashIsAnErrorThatDoesNotRepeatTheHash() {
        HashedPassword damaged = new HashedPassword("$2a$04$notahash", "salt");

        assertThatThrownBy(() -> hasher.matches("pw", damaged))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the stored password hash is not a bcrypt string");
    }

    @ParameterizedTest
    @CsvSource({"3", "32", "-1"})
    void costsBcryptCannotUseAreRefused(int cost) {
        assertThatThrownBy(() -> new PasswordHasher(cost, 24, random))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 4 and 31");
    }

    @Test
    void toStringShowsNeitherHashNorSalt() {
        HashedPassword stored = hasher.hash("pw1!pw1!");

        assertThat(stored.toString()).doesNotContain(stored.hash()).doesNotContain(stored.salt());
    }
}
