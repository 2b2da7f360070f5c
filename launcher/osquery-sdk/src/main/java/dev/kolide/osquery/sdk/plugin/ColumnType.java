package dev.kolide.osquery.sdk.plugin;

import java.util.Locale;

/** osquery's column types, as spelled on the wire and in getQueryColumns answers. */
public enum ColumnType {
    TEXT("TEXT"),
    INTEGER("INTEGER"),
    BIGINT("BIGINT"),
    UNSIGNED_BIGINT("UNSIGNED BIGINT"),
    DOUBLE("DOUBLE"),
    BLOB("BLOB");

    private final String wireName;

    ColumnType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether values of this type are numbers (osquery's {@code log_numerics_as_numbers} writes them unquoted). */
    public boolean isNumeric() {
        return this == INTEGER || this == BIGINT || this == UNSIGNED_BIGINT || this == DOUBLE;
    }

    /** The type named {@code wireName}; an unknown name reads as TEXT, as osquery reads it. */
    public static ColumnType fromWireName(String wireName) {
        String upper = wireName == null ? "" : wireName.strip().toUpperCase(Locale.ROOT);
        for (ColumnType type : values()) {
            if (type.wireName.equals(upper)) {
                return type;
            }
        }
        return TEXT;
    }
}
