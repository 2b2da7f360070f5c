package dev.kolide.osquery.sdk.plugin;

/** The constraint operators osquery passes to a table's generate call, with their wire codes. */
public enum Operator {
    UNIQUE(1),
    EQUALS(2),
    GREATER_THAN(4),
    LESS_THAN_OR_EQUALS(8),
    LESS_THAN(16),
    GREATER_THAN_OR_EQUALS(32),
    MATCH(64),
    LIKE(65),
    GLOB(66),
    REGEXP(67);

    private final int code;

    Operator(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The operator with {@code code}, or null for a code osquery may add later. */
    public static Operator fromCode(int code) {
        for (Operator op : values()) {
            if (op.code == code) {
                return op;
            }
        }
        return null;
    }
}
