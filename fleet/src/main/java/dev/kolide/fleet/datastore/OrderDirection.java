package dev.kolide.fleet.datastore;

/** Sort direction of a list. */
public enum OrderDirection {
    ASC,
    DESC
}
