package dev.kolide.updater.tuf;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** Reading metadata fields; every malformed field is a {@code format} failure naming the role. */
final class Json {

    /**
     * Immutable: integers kept exact, floats kept as decimals (so canonical JSON can refuse them), no duplicate
     * keys, raw control characters in strings accepted (Notary's canonical form writes them unescaped).
     */
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .reader();

    private Json() {
    }

    static JsonNode parse(String role, byte[] bytes) {
        try {
            JsonNode node = READER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw format(role, "not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new VerificationFailedException(role, "format", "not valid JSON: " + e.getMessage(), e);
        }
    }

    static JsonNode object(String role, JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) {
            throw format(role, "'" + field + "' is not an object");
        }
        return n;
    }

    static JsonNode array(String role, JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isArray()) {
            throw format(role, "'" + field + "' is not an array");
        }
        return n;
    }

    static String text(String role, JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) {
            throw format(role, "'" + field + "' is not a string");
        }
        return n.textValue();
    }

    /** A non-negative integer that fits a long. */
    static long count(String role, JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isIntegralNumber() || n.bigIntegerValue().signum() < 0
                || n.bigIntegerValue().bitLength() > 63) {
            throw format(role, "'" + field + "' is not a non-negative integer");
        }
        return n.longValue();
    }

    static Instant instant(String role, JsonNode parent, String field) {
        String s = text(role, parent, field);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                throw format(role, "'" + field + "' is not an RFC 3339 time: " + s);
            }
        }
    }

    static byte[] base64(String role, String value, String what) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw format(role, what + " is not base64");
        }
    }

    static VerificationFailedException format(String role, String message) {
        return new VerificationFailedException(role, "format", message);
    }
}
