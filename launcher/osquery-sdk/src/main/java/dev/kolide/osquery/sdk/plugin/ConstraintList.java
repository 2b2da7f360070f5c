package dev.kolide.osquery.sdk.plugin;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The constraints on one column, and the column's type affinity as osquery names it (TEXT, INTEGER ...). */
public record ConstraintList(String affinity, List<Constraint> constraints) {
    public ConstraintList {
        requireNonNull(affinity, "affinity is null");
        constraints = List.copyOf(requireNonNull(constraints, "constraints is null"));
    }

    /** The expressions of the {@link Operator#EQUALS} constraints: a table keyed by this column looks them up. */
    public List<String> equalities() {
        return constraints.stream().filter(c -> c.operator() == Operator.EQUALS).map(Constraint::expression).toList();
    }
}
