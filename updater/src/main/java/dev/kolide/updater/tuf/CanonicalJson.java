package dev.kolide.updater.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Notary's {@code MarshalCanonical}: object keys sorted (by their UTF-8 bytes, as Go sorts strings), no whitespace,
 * only {@code \} and {@code "} escaped in strings (control characters, {@code <>&} and non-ASCII written raw),
 * integers only. Signatures are checked over this form of the parsed {@code signed} value.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    /** @throws IllegalArgumentException for a non-integer number (Notary refuses them too) */
    static byte[] encode(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(node, out);
        return out.toByteArray();
    }

    private static void write(JsonNode node, ByteArrayOutputStream out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                names.sort((a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b)));
                out.write('{');
                boolean first = true;
                for (String name : names) {
                    if (!first) {
                        out.write(',');
                    }
                    first = false;
                    writeString(name, out);
                    out.write(':');
                    write(node.get(name), out);
                }
                out.write('}');
            }
            case ARRAY -> {
                out.write('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    write(node.get(i), out);
                }
                out.write(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw new IllegalArgumentException("canonical JSON has no non-integer numbers: " + node);
                }
                out.writeBytes(node.bigIntegerValue().toString().getBytes(StandardCharsets.US_ASCII));
            }
            case BOOLEAN -> out.writeBytes(utf8(node.booleanValue() ? "true" : "false"));
            case NULL -> out.writeBytes(utf8("null"));
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static void writeString(String s, ByteArrayOutputStream out) {
        out.write('"');
        for (byte b : utf8(s)) {
            if (b == '"' || b == '\\') {
                out.write('\\');
            }
            out.write(b);
        }
        out.write('"');
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
