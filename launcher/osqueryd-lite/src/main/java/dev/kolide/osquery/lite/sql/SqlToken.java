package dev.kolide.osquery.lite.sql;

import java.util.Locale;

/** One token of a SQL text: its kind and its text (for STRING, the value without quotes). */
record SqlToken(Kind kind, String text) {
    enum Kind {
        /** An unquoted word: a keyword or an identifier. */
        WORD,
        /** A "quoted", `quoted` or [quoted] identifier. */
        QUOTED_IDENTIFIER,
        /** A 'string' literal (text holds its value). */
        STRING,
        NUMBER,
        /** Punctuation and operators: ( ) , . ; = == != <> < <= > >= and the rest, one token each. */
        SYMBOL,
        /** A ? or :name parameter, a blob literal, anything else SQLite will judge. */
        OTHER
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    boolean isLiteral() {
        return kind == Kind.STRING || kind == Kind.NUMBER;
    }

    /** The identifier as SQLite compares names: case-insensitively. */
    String name() {
        return text.toLowerCase(Locale.ROOT);
    }
}
