package dev.kolide.fleet.transport.http.api;

import dev.kolide.fleet.service.api.Page;
import dev.kolide.fleet.transport.http.errors.BadRequestException;
import dev.kolide.fleet.transport.http.routing.RouteRequest;
import java.util.Locale;

/**
 * Kolide's list parameters: {@code page} (from 0), {@code per_page} (absent or 0: everything, which fleetctl
 * relies on), {@code order_key}, {@code order_direction} ({@code asc} or {@code desc}). Values that are not of
 * the right type are 400s; values the service refuses (a negative page, an unknown key) are 422s.
 */
public final class ListParams {

    private ListParams() {}

    public static Page page(RouteRequest request) {
        int page = intParam(request, "page");
        int perPage = intParam(request, "per_page");
        String orderKey = request.queryParam("order_key").orElse("").strip();
        String direction = request.queryParam("order_direction").orElse("asc").strip().toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc") && !direction.isEmpty()) {
            throw new BadRequestException("query parameter order_direction must be asc or desc, got \""
                    + shorten(direction) + "\"");
        }
        return new Page(page, perPage, orderKey, direction.equals("desc"));
    }

    private static int intParam(RouteRequest request, String name) {
        String value = request.queryParam(name).orElse("").strip();
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException("query parameter " + name + " must be an integer, got \"" + shorten(value)
                    + "\"");
        }
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
