package dev.kolide.osquery.lite.sql;

import java.util.Optional;

/** Looks up the tables a query may name. */
@FunctionalInterface
public interface TableCatalog {
    /** The table called {@code name} (lower case), if there is one. */
    Optional<CatalogTable> find(String name);
}
