package dev.kolide.fleet.auth;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kolide Fleet's password rule: at least 7 characters, with a number and a symbol. "Number" and "symbol" are
 * Unicode categories as in Go's {@code unicode.IsNumber} and {@code IsPunct}/{@code IsSymbol}, which Kolide used.
 * Length counts characters (code points), where Kolide counted UTF-8 bytes: "ü1!ü1!" is 6 characters and is
 * refused here, where Kolide took it for 8.
 */
public final class PasswordRule {
    public static final int MIN_LENGTH = 7;

    private PasswordRule() {}

    /** Empty when {@code password} is acceptable, else the reason to send back with the 422 (field "password"). */
    public static Optional<String> check(String password) {
        requireNonNull(password, "password is null");
        boolean number = false;
        boolean symbol = false;
        for (int i = 0; i < password.length(); ) {
            int codePoint = password.codePointAt(i);
            number |= isNumber(codePoint);
            symbol |= isPunctuationOrSymbol(codePoint);
            i += Character.charCount(codePoint);
        }
        List<String> missing = new ArrayList<>();
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            missing.add("is too short");
        }
        if (!number) {
            missing.add("has no number");
        }
        if (!symbol) {
            missing.add("has no symbol");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("must be at least " + MIN_LENGTH + " characters long and contain a number and a symbol"
                + " (this one " + join(missing) + ")");
    }

    private static String join(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static boolean isNumber(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static boolean isPunctuationOrSymbol(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
