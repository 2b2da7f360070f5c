package dev.kolide.kit.log;

/**
 * Writes logfmt keys and values the way go-logfmt (kolide/kit's encoder) does, so the same tools parse both.
 *
 * <p>A value is quoted when it is empty or contains a space, control character, {@code =}, {@code "} or a lone
 * UTF-16 surrogate; inside quotes, backslash and {@code "} are backslash-escaped, newline, carriage return and tab
 * become {@code \n \r \t}, other control characters a four-digit backslash-u escape, and a lone surrogate
 * U+FFFD. Keys cannot be quoted in logfmt, so characters that would break the line are dropped from them. Unlike go-logfmt, an empty value is
 * written {@code k=""} rather than {@code k=}: both parse as empty, and the quoted form survives naive
 * {@code split("=")} readers.
 */
final class Logfmt {

    private Logfmt() {}

    static void appendKey(StringBuilder out, String key) {
        int start = out.length();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!breaksUnquoted(c)) {
                out.append(c);
            }
        }
        if (out.length() == start) {
            out.append('_');
        }
    }

    static void appendValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
            return;
        }
        String text = value.toString();
        // The string "null" is quoted so a reader can tell it from an absent (null) value.
        if (text.isEmpty() || (value instanceof String && text.equals("null")) || needsQuotes(text)) {
            appendQuoted(out, text);
        } else {
            out.append(text);
        }
    }

    static String value(Object value) {
        StringBuilder out = new StringBuilder();
        appendValue(out, value);
        return out.toString();
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSurrogatePair(text, i)) {
                i++;
            } else if (breaksUnquoted(c) || Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSurrogatePair(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    /** Space, control characters, other Unicode spaces (NBSP, line separator), '=' and '"'. */
    private static boolean breaksUnquoted(char c) {
        return c <= ' ' || c == '=' || c == '"' || Character.isISOControl(c) || Character.isSpaceChar(c);
    }

    private static void appendQuoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (isSurrogatePair(text, i)) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\ufffd');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
