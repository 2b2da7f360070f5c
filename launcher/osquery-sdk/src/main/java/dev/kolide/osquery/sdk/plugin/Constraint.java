package dev.kolide.osquery.sdk.plugin;

import static java.util.Objects.requireNonNull;

/** One {@code column <op> expression} constraint from the query's WHERE clause; the expression is text. */
public record Constraint(Operator operator, String expression) {
    public Constraint {
        requireNonNull(operator, "operator is null");
        requireNonNull(expression, "expression is null");
    }
}
