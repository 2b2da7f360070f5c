package dev.kolide.fleet.transport.http.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Jackson's decoding failures in words a client can act on. Jackson's own messages name Java classes and
 * sometimes quote the input; these name JSON fields and types instead.
 */
final class JsonDecodeErrors {

    /** Values longer than this are not quoted back: they may be large, or secret. */
    private static final int MAX_QUOTED_VALUE = 40;

    private JsonDecodeErrors() {}

    /** What went wrong decoding a body of {@code length} bytes; {@code failure} may be null (reason unknown). */
    static String describe(JacksonException failure, int length, ObjectMapper mapper) {
        if (length == 0) {
            return "the request body is empty; expected JSON";
        }
        if (failure instanceof InputCoercionException) {
            return "number out of range" + at(failure.getLocation());
        }
        if (failure instanceof JsonEOFException) {
            return "invalid JSON" + at(failure.getLocation()) + ": unexpected end of input";
        }
        if (failure instanceof StreamReadException) {
            return "invalid JSON" + at(failure.getLocation()) + ": " + firstLine(failure.getOriginalMessage());
        }
        if (failure instanceof ValueInstantiationException e) {
            String field = path(e.getPath());
            Throwable cause = e.getCause();
            String reason = cause != null && cause.getMessage() != null ? cause.getMessage() : "value refused";
            return (field.isEmpty() ? "invalid request body: " : "invalid value for field " + field + ": ") + reason;
        }
        if (failure instanceof MismatchedInputException e) {
            return mismatch(e, mapper);
        }
        if (failure instanceof JsonMappingException e && !e.getPath().isEmpty()) {
            // Jackson wraps parser failures met inside a field, e.g. a number too large for an int.
            if (e.getCause() instanceof InputCoercionException) {
                return "field " + path(e.getPath()) + ": number out of range";
            }
            return "invalid value for field " + path(e.getPath());
        }
        return "invalid request body";
    }

    private static String mismatch(MismatchedInputException e, ObjectMapper mapper) {
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return "invalid JSON" + at(e.getLocation()) + ": more than one JSON value";
        }
        String field = path(e.getPath());
        String expected = expected(e, mapper);
        String subject = field.isEmpty() ? "the request body" : "field " + field;
        String got = "";
        if (e instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            Object value = invalid.getValue();
            String text = String.valueOf(value);
            if (text.length() <= MAX_QUOTED_VALUE) {
                // As JSON would show it: a string quoted, a number or boolean bare.
                got = value instanceof CharSequence ? "; got \"" + text + "\"" : "; got " + text;
            }
        }
        return subject + " must be " + expected + got;
    }

    private static String expected(MismatchedInputException e, ObjectMapper mapper) {
        Class<?> type = e.getTargetType();
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type == char.class || type == Character.class
                || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class
                || type == BigDecimal.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isEnum()) {
            return "one of " + enumNames(type, mapper);
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an RFC 3339 time such as \"2026-11-27T02:19:05Z\"";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
            return "an object";
        }
        return "of another type";
    }

    /** The JSON names of an enum's constants, in declaration order, as the mapper writes them. */
    private static List<String> enumNames(Class<?> type, ObjectMapper mapper) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            try {
                names.add(mapper.convertValue(constant, String.class));
            } catch (IllegalArgumentException e) {
                names.add(String.valueOf(constant));
            }
        }
        return names;
    }

    /** {@code queries.foo[2].name} from Jackson's reference path. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
