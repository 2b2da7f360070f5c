package dev.kolide.osquery.lite.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL into tokens the way SQLite's tokenizer does, closely enough to find table names and simple
 * predicates: comments and blanks are dropped, quoted identifiers and strings are one token each. Malformed text
 * (an unterminated string) yields what was read; SQLite reports the real error when the query runs.
 */
final class SqlTokenizer {
    private SqlTokenizer() {}

    static List<SqlToken> tokenize(String sql) {
        List<SqlToken> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                StringBuilder value = new StringBuilder();
                i++;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '\'') {
                        if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                            value.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(d);
                    i++;
                }
                tokens.add(new SqlToken(SqlToken.Kind.STRING, value.toString()));
            } else if (c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                StringBuilder value = new StringBuilder();
                i++;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == close) {
                        if (close != ']' && i + 1 < n && sql.charAt(i + 1) == close) {
                            value.append(close);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(d);
                    i++;
                }
                tokens.add(new SqlToken(SqlToken.Kind.QUOTED_IDENTIFIER, value.toString()));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.'
                        || ((sql.charAt(i) == '+' || sql.charAt(i) == '-')
                                && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')))) {
                    i++;
                }
                tokens.add(new SqlToken(SqlToken.Kind.NUMBER, sql.substring(start, i)));
            } else if (Character.isLetter(c) || c == '_' || c > 127) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$' || sql.charAt(i) > 127)) {
                    i++;
                }
                tokens.add(new SqlToken(SqlToken.Kind.WORD, sql.substring(start, i)));
            } else if (c == '?' || c == ':' || c == '@' || c == '$') {
                int start = i++;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new SqlToken(SqlToken.Kind.OTHER, sql.substring(start, i)));
            } else {
                String two = i + 1 < n ? sql.substring(i, i + 2) : "";
                if (two.equals("==") || two.equals("!=") || two.equals("<>") || two.equals("<=")
                        || two.equals(">=") || two.equals("||") || two.equals("<<") || two.equals(">>")) {
                    tokens.add(new SqlToken(SqlToken.Kind.SYMBOL, two));
                    i += 2;
                } else {
                    tokens.add(new SqlToken(SqlToken.Kind.SYMBOL, String.valueOf(c)));
                    i++;
                }
            }
        }
        return tokens;
    }
}
