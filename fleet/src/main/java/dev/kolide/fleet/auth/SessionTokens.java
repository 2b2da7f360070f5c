package dev.kolide.fleet.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.SecurityException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session keys and the tokens that carry them, as Kolide Fleet made them: a session key is base64 of
 * {@code session.key_size} random bytes, stored in the sessions table; the user gets it inside an HS256 JWT
 * signed with {@code auth.jwt_key}, claim {@code session_key}.
 *
 * <p>Tokens issued here also carry {@code iat} and {@code exp} (issue time + {@code session.duration}), which
 * caps a token's life even while its session stays in use. The session's own expiry (last access +
 * duration) and revocation stay the service's job: a valid token only names a session, which must still exist.
 * Tokens without {@code exp}, as Kolide Fleet issued them, are accepted.
 *
 * <p>Only HS256 is accepted: {@code alg: none}, RS256 and the other HMACs are refused whatever their signature.
 * jjwt compares signatures in constant time.
 */
public final class SessionTokens {
    public static final int DEFAULT_SESSION_KEY_SIZE = 64;
    /** HS256 needs a key of at least 256 bits (RFC 7518 §3.2); jjwt refuses shorter ones. */
    public static final int MIN_JWT_KEY_BYTES = 32;
    public static final String SESSION_KEY_CLAIM = "session_key";
    /** Real tokens are a few hundred characters; longer input is refused before any parsing. */
    static final int MAX_TOKEN_CHARS = 4096;

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final String ALGORITHM = "HS256";

    private final SecretKey key;
    private final int sessionKeySize;
    private final Duration tokenLifetime;
    private final SecureRandom random;
    private final Clock clock;
    private final JwtParser parser;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param jwtKey {@code --auth_jwt_key}; its UTF-8 bytes are the HMAC key, as in Kolide Fleet, so tokens
     *     issued by either verify in the other. At least {@value #MIN_JWT_KEY_BYTES} bytes.
     * @param sessionKeySize random bytes per session key (Kolide: {@value #DEFAULT_SESSION_KEY_SIZE})
     * @param tokenLifetime {@code session.duration}: a token's {@code exp} is this long after it was issued
     * @throws IllegalArgumentException naming {@code --auth_jwt_key} when the key is too short
     */
    public SessionTokens(String jwtKey, int sessionKeySize, Duration tokenLifetime, SecureRandom random,
            Clock clock) {
        requireNonNull(jwtKey, "jwtKey is null");
        this.tokenLifetime = requireNonNull(tokenLifetime, "tokenLifetime is null");
        this.random = requireNonNull(random, "random is null");
        this.clock = requireNonNull(clock, "clock is null");
        String problem = jwtKeyProblem(jwtKey);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (sessionKeySize < 1) {
            throw new IllegalArgumentException("session key size must be positive, not " + sessionKeySize);
        }
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive, not " + tokenLifetime);
        }
        this.sessionKeySize = sessionKeySize;
        this.key = new SecretKeySpec(jwtKey.getBytes(StandardCharsets.UTF_8), HMAC_SHA256);
        this.parser = Jwts.parser()
                .verifyWith(key)
                // The default list holds every JWS algorithm jjwt knows; only HS256 may pass.
                .sig().clear().add(Jwts.SIG.HS256).and()
                .clock(() -> Date.from(this.clock.instant()))
                .build();
    }

    /** What is wrong with {@code jwtKey} as an HS256 key, for the person who set it; null when nothing is. */
    private static String jwtKeyProblem(String jwtKey) {
        int length = jwtKey.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0) {
            return "--auth_jwt_key is empty; it signs session tokens and must be at least " + MIN_JWT_KEY_BYTES
                    + " bytes (generate one with: openssl rand -base64 32)";
        }
        if (length < MIN_JWT_KEY_BYTES) {
            return "--auth_jwt_key is " + length + " bytes long; HS256 session tokens need at least "
                    + MIN_JWT_KEY_BYTES + " (generate one with: openssl rand -base64 32)";
        }
        return null;
    }

    /** A new random session key, to store in the sessions table and pass to {@link #sign}. */
    public String newSessionKey() {
        byte[] bytes = new byte[sessionKeySize];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The token a user presents as {@code Authorization: Bearer <token>} for the session {@code sessionKey}. */
    public String sign(String sessionKey) {
        requireNonNull(sessionKey, "sessionKey is null");
        if (sessionKey.isEmpty()) {
            throw new IllegalArgumentException("session key is empty");
        }
        var now = clock.instant();
        return Jwts.builder()
                .claim(SESSION_KEY_CLAIM, sessionKey)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(tokenLifetime)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    /**
     * The session key inside {@code token}, once its algorithm, signature and times check out.
     *
     * @throws InvalidSessionTokenException saying why the token was refused
     */
    public String verify(String token) {
        requireNonNull(token, "token is null");
        if (token.isBlank() || token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidSessionTokenException(InvalidSessionTokenException.Reason.MALFORMED, null);
        }
        requireHs256Header(token);
        Object claim;
        try {
            claim = parser.parseSignedClaims(token).getPayload().get(SESSION_KEY_CLAIM);
        } catch (ExpiredJwtException e) {
            throw new InvalidSessionTokenException(InvalidSessionTokenException.Reason.EXPIRED, e);
        } catch (PrematureJwtException e) {
            throw new InvalidSessionTokenException(InvalidSessionTokenException.Reason.NOT_YET_VALID, e);
        } catch (UnsupportedJwtException e) {
            // An HS256 header on something that is not a signed JWT (no signature part, an encrypted JWT).
            throw new InvalidSessionTokenException(InvalidSessionTokenException.Reason.WRONG_ALGORITHM, e);
        } catch (SecurityException e) {
            throw new InvalidSessionTokenException(InvalidSessionTokenException.Reason.BAD_SIGNATURE, e);
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidSessionTokenException(InvalidSessionTokenException.Reason.MALFORMED, e);
        }
        if (!(claim instanceof String sessionKey) || sessionKey.isEmpty()) {
            throw new InvalidSessionTokenException(InvalidSessionTokenException.Reason.NO_SESSION_KEY, null);
        }
        return sessionKey;
    }

    /**
     * Reads the header's {@code alg} before any crypto. jjwt refuses other algorithms too (only HS256 is on its
     * list), but reports them as signature failures; reading the header first says what was wrong.
     */
    private void requireHs256Header(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw new InvalidSessionTokenException(InvalidSessionTokenException.Reason.MALFORMED, null);
        }
        JsonNode alg;
        try {
            byte[] header = Base64.getUrlDecoder().decode(token.substring(0, dot));
            alg = json.readTree(header).path("alg");
        } catch (IllegalArgumentException | IOException e) {
            throw new InvalidSessionTokenException(InvalidSessionTokenException.Reason.MALFORMED, e);
        }
        if (!alg.isTextual()) {
            throw new InvalidSessionTokenException(InvalidSessionTokenException.Reason.MALFORMED, null);
        }
        if (!ALGORITHM.equals(alg.asText())) {
            throw new InvalidSessionTokenException(InvalidSessionTokenException.Reason.WRONG_ALGORITHM, null);
        }
    }
}
