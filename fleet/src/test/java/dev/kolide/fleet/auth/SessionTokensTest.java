package dev.kolide.fleet.auth;

import dev.kolide.kit.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.auth.InvalidSessionTokenException.Reason;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionTokensTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef"; // 32 bytes, the minimum
    private static final Duration DAY = Duration.ofDays(1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final SessionTokens tokens = new SessionTokens(KEY, 64, DAY, new SecureRandom(), clock);

    @Test
    void aSignedTokenGivesBackItsSessionKey() {
        String sessionKey = tokens.newSessionKey();

        assertThat(tokens.verify(tokens.sign(sessionKey))).isEqualTo(sessionKey);
    }

    @Test
    void sessionKeysAreBase64OfTheConfiguredNumberOfRandomBytes() {
        String first = tokens.newSessionKey();

        assertThat(Base64.getDecoder().decode(first)).hasSize(64);
        assertThat(tokens.newSessionKey()).isNotEqualTo(first);
    }

    @Test
    void aTokenAsKolideFleetIssuedItIsAccepted() throws Exception {
        // jwt-go's output, built by hand: typ header, session_key only, no exp.
        String token = hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"session_key\":\"abc+/=\"}", KEY);

        assertThat(tokens.verify(token)).isEqualTo("abc+/=");
    }

    @Test
    void ourTokensCarryTheSessionKeyClaimKolideFleetReads() {
        String payload = new String(Base64.getUrlDecoder().decode(tokens.sign("the-key").split("\\.")[1]),
                StandardCharsets.UTF_8);

        assertThat(payload).contains("\"session_key\":\"the-key\"");
    }

    @Test
    void aChangedPayloadIsRefused() {
        String[] parts = tokens.sign("mine").split("\\.");
        String forged = parts[0] + "." + b64("{\"session_key\":\"someone-elses\"}") + "." + parts[2];

        assertRefused(() -> tokens.verify(forged), Reason.BAD_SIGNATURE);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        SessionTokens other = new SessionTokens("another key of at least 32 bytes!", 64, DAY, new SecureRandom(),
                clock);

        assertRefused(() -> tokens.verify(other.sign("mine")), Reason.BAD_SIGNATURE);
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String none = b64("{\"alg\":\"none\"}") + "." + b64("{\"session_key\":\"mine\"}") + ".";

        assertRefused(() -> tokens.verify(none), Reason.WRONG_ALGORITHM);
    }

    @Test
    void anRs256TokenIsRefused() {
        KeyPair pair = Jwts.SIG.RS256.keyPair().build();
        String rs256 = Jwts.builder().claim("session_key", "mine").signWith(pair.getPrivate(), Jwts.SIG.RS256)
                .compact();

        assertRefused(() -> tokens.verify(rs256), Reason.WRONG_ALGORITHM);
    }

    @Test
    void anHs512TokenIsRefusedEvenWhenSignedWithOurKey() {
        String key64 = KEY + KEY;
        SessionTokens ours = new SessionTokens(key64, 64, DAY, new SecureRandom(), clock);
        String hs512 = Jwts.builder().claim("session_key", "mine")
                .signWith(new SecretKeySpec(key64.getBytes(StandardCharsets.UTF_8), "HmacSHA512"), Jwts.SIG.HS512)
                .compact();

        assertRefused(() -> ours.verify(hs512), Reason.WRONG_ALGORITHM);
    }

    @Test
    void aTokenIsValidForTheSessionDurationAndExpiredAfter() {
        String token = tokens.sign("mine");

        clock.advance(DAY.minusSeconds(1));
        assertThat(tokens.verify(token)).isEqualTo("mine");

        clock.advance(Duration.ofSeconds(2));
        assertRefused(() -> tokens.verify(token), Reason.EXPIRED);
    }

    @Test
    void aTokenWhoseNotBeforeIsAheadIsRefused() throws Exception {
        long later = clock.instant().plus(Duration.ofHours(1)).getEpochSecond();
        String token = hs256("{\"alg\":\"HS256\"}", "{\"session_key\":\"mine\",\"nbf\":" + later + "}", KEY);

        assertRefused(() -> tokens.verify(token), Reason.NOT_YET_VALID);
    }

    @Test
    void aCorrectlySignedTokenWithoutASessionKeyIsRefused() throws Exception {
        String noClaim = hs256("{\"alg\":\"HS256\"}", "{\"sub\":\"admin\"}", KEY);
        String numberClaim = hs256("{\"alg\":\"HS256\"}", "{\"session_key\":42}", KEY);

        assertRefused(() -> tokens.verify(noClaim), Reason.NO_SESSION_KEY);
        assertRefused(() -> tokens.verify(numberClaim), Reason.NO_SESSION_KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "garbage", "a.b.c", "a.b", "eyJhbGciOiJIUzI1NiJ9.!!!.abc",
        "eyJhbGciOiJIUzI1NiJ9.eyJzZXNzaW9uX2tleSI6Im1pbmUifQ"})
    void garbledTokensAreRefusedAsMalformed(String token) {
        assertRefused(() -> tokens.verify(token), Reason.MALFORMED);
    }

    @Test
    void anOverlongTokenIsRefusedWithoutParsing() {
        String huge = tokens.sign("x".repeat(SessionTokens.MAX_TOKEN_CHARS));

        assertRefused(() -> tokens.verify(huge), Reason.MALFORMED);
    }

    @Test
    void refusalsDoNotRepeatTheTokenOrTheSessionKey() {
        String token = tokens.sign("very-secret-session-key");
        clock.advance(DAY.multipliedBy(2));

        assertThatThrownBy(() -> tokens.verify(token))
                .hasMessage("session token has expired")
                .hasMessageNotContaining("very-secret-session-key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "0123456789abcdef0123456789abcde"})
    void aJwtKeyShorterThan256BitsIsRefusedNamingTheFlag(String key) {
        assertThatThrownBy(() -> new SessionTokens(key, 64, DAY, new SecureRandom(), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--auth_jwt_key is ")
                .hasMessageContaining("at least 32")
                .hasMessageContaining("openssl rand -base64 32");
    }

    private static void assertRefused(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(InvalidSessionTokenException.class, e -> assertThat(e.reason()).as(String.valueOf(e.getCause())).isEqualTo(reason));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A compact HS256 JWS made with the JDK alone, independent of jjwt. */
    private static String hs256(String header, String payload, String key) throws Exception {
        String signingInput = b64(header) + "." + b64(payload);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
}
