package dev.kolide.fleet.datastore;

import static java.util.Objects.requireNonNull;

/**
 * Pagination and order of a list (the REST API's {@code page}, {@code per_page}, {@code order_key},
 * {@code order_direction}).
 *
 * @param page zero-based page number
 * @param perPage rows per page; 0 = everything from {@code page * perPage} (that is, no limit)
 * @param orderKey a column name the store accepts (each store documents its keys), or {@code ""} for id order;
 *     anything else is an IllegalArgumentException, so user input can be passed through
 * @param direction ascending or descending
 */
public record ListOptions(int page, int perPage, String orderKey, OrderDirection direction) {

    public ListOptions {
        requireNonNull(orderKey, "orderKey is null");
        requireNonNull(direction, "direction is null");
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative: " + page);
        }
        if (perPage < 0) {
            throw new IllegalArgumentException("per_page must not be negative: " + perPage);
        }
    }

    /** Every row, by id. */
    public static ListOptions all() {
        return new ListOptions(0, 0, "", OrderDirection.ASC);
    }

    /** One page, by id. */
    public static ListOptions page(int page, int perPage) {
        return new ListOptions(page, perPage, "", OrderDirection.ASC);
    }

    /** The same page, ordered by {@code key}. */
    public ListOptions orderBy(String key, OrderDirection direction) {
        return new ListOptions(page, perPage, key, direction);
    }

    /** Rows to skip. */
    public long offset() {
        return (long) page * perPage;
    }

    /** Rows to return at most. */
    public long limit() {
        return perPage == 0 ? Integer.MAX_VALUE : perPage;
    }
}
