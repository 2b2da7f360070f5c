package dev.kolide.fleet.transport.http.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kolide.fleet.transport.http.errors.BadRequestException;
import java.io.IOException;

/**
 * fleet's one JSON configuration, for request and response bodies alike. Build one in main and share it; it is
 * thread-safe.
 *
 * <ul>
 *   <li><b>Names are snake_case</b> by a naming strategy: a record component {@code osqueryVersion} is
 *       {@code osquery_version} on the wire, as every Kolide API spells it. Use {@code @JsonProperty} only where
 *       a wire name does not follow the rule. Map keys are left alone (query names, label ids).</li>
 *   <li><b>Times</b> ({@link java.time.Instant}) are RFC 3339 strings in UTC, {@code "2026-11-27T02:19:05Z"},
 *       like Go's {@code time.Time}; fractions of a second appear only when non-zero.</li>
 *   <li><b>Records</b> work as they are, through their canonical constructors.</li>
 *   <li><b>Unknown fields are ignored</b>: osquery sends more than fleet reads, and newer clients may add
 *       fields.</li>
 *   <li><b>Strings are strict</b>: a number or boolean where a string is expected is refused ("field node_key
 *       must be a string") rather than silently turned into "123", as Go's decoder does. Numbers given as
 *       numeric strings are still accepted (osquery sends {@code statuses} either way).</li>
 *   <li>Nulls are written out ({@code "field": null}); Go's encoder writes every field unless told otherwise.</li>
 * </ul>
 *
 * <p>{@link #decode} turns every decoding failure into a {@link BadRequestException} whose message says where
 * and what, without Java class names: "invalid JSON at line 1 column 12: ...", "field node_key must be a
 * string".
 */
public final class JsonCodec {

    private final ObjectMapper mapper;

    /** A codec with {@link #newObjectMapper()}. */
    public JsonCodec() {
        this.mapper = newObjectMapper();
    }

    /**
     * A new mapper configured as described above, for code that needs an {@link ObjectMapper} itself (kit's
     * HealthHandler, a WebSocket endpoint).
     */
    public static ObjectMapper newObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // {"a":1} {"b":2} is not one JSON value; without this the second is silently dropped.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Error locations must not quote the request body back (it may hold secrets).
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .withCoercionConfig(LogicalType.Textual, strings -> strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /** The configured mapper; do not reconfigure it, others share it. */
    public ObjectMapper objectMapper() {
        return mapper;
    }

    /** {@code json} as a {@code type}; a {@link BadRequestException} saying what is wrong if it is not one. */
    public <T> T decode(byte[] json, Class<T> type) {
        requireNonNull(json, "json is null");
        requireNonNull(type, "type is null");
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw new BadRequestException(JsonDecodeErrors.describe(e, json.length, mapper), e);
        } catch (IOException e) {
            // Reading a byte array does no I/O; Jackson declares it anyway.
            throw new BadRequestException(JsonDecodeErrors.describe(null, json.length, mapper), e);
        }
    }

    /** As {@link #decode(byte[], Class)}, for generic types: {@code new TypeReference<List<Host>>() {}}. */
    public <T> T decode(byte[] json, TypeReference<T> type) {
        requireNonNull(json, "json is null");
        requireNonNull(type, "type is null");
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw new BadRequestException(JsonDecodeErrors.describe(e, json.length, mapper), e);
        } catch (IOException e) {
            throw new BadRequestException(JsonDecodeErrors.describe(null, json.length, mapper), e);
        }
    }

    /**
     * {@code value} as UTF-8 JSON. A value Jackson cannot encode is a bug in the server, not in the request:
     * {@link JsonEncodingException}, which the router answers with a 500.
     */
    public byte[] encode(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new JsonEncodingException("encoding a " + (value == null ? "null" : value.getClass().getName())
                    + " as JSON", e);
        }
    }
}
