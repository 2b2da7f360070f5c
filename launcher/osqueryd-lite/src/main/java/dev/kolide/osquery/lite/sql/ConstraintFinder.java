package dev.kolide.osquery.lite.sql;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.Constraint;
import dev.kolide.osquery.sdk.plugin.ConstraintList;
import dev.kolide.osquery.sdk.plugin.Operator;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the constraints osqueryd would hand a table's generate call, from the SQL text rather than from SQLite's
 * query planner (osqueryd-lite materializes tables instead of serving them as virtual tables).
 *
 * <p>It is conservative: a constraint is only reported when every row the query can use must satisfy it, so a
 * table that returns only matching rows cannot change the answer. That holds for {@code column <op> literal} (and
 * {@code column IN (literals)}) in a WHERE or ON clause joined only by AND, on a table named once in the query. Any
 * OR, NOT, CASE, BETWEEN or compound SELECT (UNION, EXCEPT, INTERSECT), or a second mention of the table, and the
 * table gets no constraints: it returns every row and SQLite filters them.
 */
final class ConstraintFinder {
    private static final Set<String> DISQUALIFYING = Set.of("or", "not", "case", "between", "union", "except",
            "intersect", "is", "escape");
    private static final Set<String> FILTER_START = Set.of("where", "on");
    private static final Set<String> FILTER_END = Set.of("select", "from", "join", "group", "order", "limit",
            "having", "window", "values", "using", "returning", "natural", "left", "right", "full", "inner",
            "cross", "outer");
    private static final Set<String> NOT_ALIASES = Set.of("where", "on", "join", "left", "right", "full", "inner",
            "cross", "natural", "outer", "group", "order", "limit", "having", "window", "union", "except",
            "intersect", "using", "as", "indexed");
    private static final Map<String, Operator> OPERATORS = Map.of("=", Operator.EQUALS, "==", Operator.EQUALS,
            "<", Operator.LESS_THAN, "<=", Operator.LESS_THAN_OR_EQUALS, ">", Operator.GREATER_THAN,
            ">=", Operator.GREATER_THAN_OR_EQUALS, "like", Operator.LIKE, "glob", Operator.GLOB,
            "regexp", Operator.REGEXP, "match", Operator.MATCH);
    private static final Map<Operator, Operator> REVERSED = Map.of(Operator.EQUALS, Operator.EQUALS,
            Operator.LESS_THAN, Operator.GREATER_THAN, Operator.GREATER_THAN, Operator.LESS_THAN,
            Operator.LESS_THAN_OR_EQUALS, Operator.GREATER_THAN_OR_EQUALS,
            Operator.GREATER_THAN_OR_EQUALS, Operator.LESS_THAN_OR_EQUALS);

    private ConstraintFinder() {}

    /**
     * @param tokens the query
     * @param table the table's name, lower case
     * @param columns the table's columns
     * @param otherColumns the lower-case column names of the other tables the query names (an unqualified column
     *     that another table also has is ambiguous and ignored)
     */
    static QueryContext find(List<SqlToken> tokens, String table, List<ColumnDefinition> columns,
            Set<String> otherColumns) {
        Map<String, ColumnDefinition> byName = new LinkedHashMap<>();
        for (ColumnDefinition column : columns) {
            byName.put(column.name().toLowerCase(Locale.ROOT), column);
        }
        int mentions = 0;
        Set<String> qualifiers = new HashSet<>();
        qualifiers.add(table);
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.kind() == SqlToken.Kind.WORD && DISQUALIFYING.contains(token.name())) {
                return QueryContext.empty();
            }
            if (token.isName() && token.name().equals(table) && isTableMention(tokens, i)) {
                mentions++;
                String alias = aliasAfter(tokens, i);
                if (alias != null) {
                    qualifiers.add(alias);
                }
            }
        }
        if (mentions != 1) {
            return QueryContext.empty();
        }

        Map<String, List<Constraint>> found = new LinkedHashMap<>();
        Deque<Boolean> filterStack = new ArrayDeque<>();
        boolean inFilter = false;
        boolean predicateStart = false;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.isSymbol("(")) {
                filterStack.push(inFilter);
                predicateStart = inFilter;
                continue;
            }
            if (token.isSymbol(")")) {
                inFilter = filterStack.isEmpty() ? false : filterStack.pop();
                predicateStart = false;
                continue;
            }
            if (token.kind() == SqlToken.Kind.WORD) {
                String word = token.name();
                if (FILTER_START.contains(word)) {
                    inFilter = true;
                    predicateStart = true;
                    continue;
                }
                if (FILTER_END.contains(word)) {
                    inFilter = false;
                    predicateStart = false;
                    continue;
                }
                if (word.equals("and") && inFilter) {
                    predicateStart = true;
                    continue;
                }
            }
            if (predicateStart && inFilter) {
                int consumed = predicate(tokens, i, byName, qualifiers, otherColumns, found);
                if (consumed > 0) {
                    i += consumed - 1;
                }
            }
            predicateStart = false;
        }
        Map<String, ConstraintList> result = new LinkedHashMap<>();
        found.forEach((name, list) -> result.put(name, new ConstraintList(byName.get(name).type().wireName(), list)));
        return new QueryContext(result);
    }

    /** Reads a predicate at {@code i}; returns the tokens it used, or 0 when it is not a usable one. */
    private static int predicate(List<SqlToken> tokens, int i, Map<String, ColumnDefinition> columns,
            Set<String> qualifiers, Set<String> otherColumns, Map<String, List<Constraint>> found) {
        int[] end = new int[1];
        String column = column(tokens, i, columns, qualifiers, otherColumns, end);
        if (column != null) {
            int at = end[0];
            if (at < tokens.size() && tokens.get(at).isWord("in")) {
                return inList(tokens, at + 1, column, found, i);
            }
            Operator op = operator(tokens, at);
            int[] literalEnd = new int[1];
            String literal = op == null ? null : literal(tokens, at + 1, literalEnd);
            if (literal != null && endsPredicate(tokens, literalEnd[0])) {
                found.computeIfAbsent(column, k -> new ArrayList<>()).add(new Constraint(op, literal));
                return literalEnd[0] - i;
            }
            return 0;
        }
        // literal <op> column, for the comparisons that can be turned around
        int[] literalEnd = new int[1];
        String literal = literal(tokens, i, literalEnd);
        if (literal == null) {
            return 0;
        }
        Operator op = operator(tokens, literalEnd[0]);
        if (op == null || !REVERSED.containsKey(op)) {
            return 0;
        }
        column = column(tokens, literalEnd[0] + 1, columns, qualifiers, otherColumns, end);
        if (column != null && endsPredicate(tokens, end[0])) {
            found.computeIfAbsent(column, k -> new ArrayList<>()).add(new Constraint(REVERSED.get(op), literal));
            return end[0] - i;
        }
        return 0;
    }

    private static int inList(List<SqlToken> tokens, int at, String column, Map<String, List<Constraint>> found,
            int start) {
        if (at >= tokens.size() || !tokens.get(at).isSymbol("(")) {
            return 0;
        }
        List<String> values = new ArrayList<>();
        int i = at + 1;
        while (true) {
            int[] literalEnd = new int[1];
            String literal = literal(tokens, i, literalEnd);
            if (literal == null) {
                return 0; // a subquery or an expression: leave it to SQLite
            }
            values.add(literal);
            i = literalEnd[0];
            if (i < tokens.size() && tokens.get(i).isSymbol(",")) {
                i++;
                continue;
            }
            if (i < tokens.size() && tokens.get(i).isSymbol(")")) {
                i++;
                break;
            }
            return 0;
        }
        if (!endsPredicate(tokens, i)) {
            return 0;
        }
        List<Constraint> list = found.computeIfAbsent(column, k -> new ArrayList<>());
        for (String value : values) {
            list.add(new Constraint(Operator.EQUALS, value));
        }
        // The closing ")" was consumed here; the caller's paren tracking must not see the "(" either.
        return i - start;
    }

    private static String column(List<SqlToken> tokens, int i, Map<String, ColumnDefinition> columns,
            Set<String> qualifiers, Set<String> otherColumns, int[] end) {
        if (i >= tokens.size() || !tokens.get(i).isName()) {
            return null;
        }
        String name;
        boolean qualified = i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".") && tokens.get(i + 2).isName();
        if (qualified) {
            if (!qualifiers.contains(tokens.get(i).name())) {
                return null;
            }
            name = tokens.get(i + 2).name();
            end[0] = i + 3;
        } else {
            name = tokens.get(i).name();
            if (otherColumns.contains(name)) {
                return null;
            }
            end[0] = i + 1;
        }
        ColumnDefinition column = columns.get(name);
        return column == null ? null : name;
    }

    private static Operator operator(List<SqlToken> tokens, int i) {
        if (i >= tokens.size()) {
            return null;
        }
        SqlToken token = tokens.get(i);
        if (token.kind() == SqlToken.Kind.SYMBOL || token.kind() == SqlToken.Kind.WORD) {
            return OPERATORS.get(token.name());
        }
        return null;
    }

    private static String literal(List<SqlToken> tokens, int i, int[] end) {
        if (i >= tokens.size()) {
            return null;
        }
        SqlToken token = tokens.get(i);
        if (token.kind() == SqlToken.Kind.STRING || token.kind() == SqlToken.Kind.NUMBER) {
            end[0] = i + 1;
            return token.text();
        }
        if (token.isSymbol("-") && i + 1 < tokens.size() && tokens.get(i + 1).kind() == SqlToken.Kind.NUMBER) {
            end[0] = i + 2;
            return "-" + tokens.get(i + 1).text();
        }
        return null;
    }

    private static boolean endsPredicate(List<SqlToken> tokens, int i) {
        if (i >= tokens.size()) {
            return true;
        }
        SqlToken token = tokens.get(i);
        if (token.isSymbol(")") || token.isSymbol(";")) {
            return true;
        }
        return token.kind() == SqlToken.Kind.WORD && (token.isWord("and") || FILTER_END.contains(token.name()));
    }

    /** Whether the name at {@code i} names a table: not the qualifier or the column of {@code x.y}. */
    private static boolean isTableMention(List<SqlToken> tokens, int i) {
        boolean afterDot = i > 0 && tokens.get(i - 1).isSymbol(".");
        boolean beforeDot = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol(".");
        return !afterDot && !beforeDot;
    }

    private static String aliasAfter(List<SqlToken> tokens, int i) {
        int next = i + 1;
        if (next < tokens.size() && tokens.get(next).isSymbol(".")) {
            return null; // "table.column"
        }
        if (next < tokens.size() && tokens.get(next).isWord("as")) {
            next++;
        }
        if (next < tokens.size() && tokens.get(next).isName() && !NOT_ALIASES.contains(tokens.get(next).name())) {
            return tokens.get(next).name();
        }
        return null;
    }
}
