package dev.kolide.fleet.service.api;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.OrderDirection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which part of a list to return: the REST API's {@code page} (from 0), {@code per_page} (0 = no limit, which is
 * what fleetctl asks for), {@code order_key} ({@code ""} for id order) and {@code order_direction}.
 */
public record Page(int page, int perPage, String orderKey, boolean descending) {

    public Page {
        requireNonNull(orderKey, "orderKey is null");
    }

    /** The whole list, by id. */
    public static Page all() {
        return new Page(0, 0, "", false);
    }

    /**
     * Runs {@code lister} with these options. A negative page or per_page, or an order key the store does not
     * have, is an {@link InvalidInputException} naming the parameter. The stores refuse unknown order keys with an
     * IllegalArgumentException listing the keys they accept, which is passed on as the reason.
     *
     * @param aliases order keys Kolide accepted under other names ({@code host_name} → {@code hostname})
     */
    public <T> List<T> list(Map<String, String> aliases, Function<ListOptions, List<T>> lister) {
        requireNonNull(aliases, "aliases is null");
        requireNonNull(lister, "lister is null");
        Problems problems = new Problems()
                .addIf(page < 0, "page", "must not be negative")
                .addIf(perPage < 0, "per_page", "must not be negative");
        problems.throwIfAny();
        String key = aliases.getOrDefault(orderKey, orderKey);
        ListOptions options = new ListOptions(page, perPage, key, descending ? OrderDirection.DESC : OrderDirection.ASC);
        try {
            return lister.apply(options);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("order_key", e.getMessage());
        }
    }

    /** {@link #list(Map, Function)} without aliases. */
    public <T> List<T> list(Function<ListOptions, List<T>> lister) {
        return list(Map.of(), lister);
    }
}
