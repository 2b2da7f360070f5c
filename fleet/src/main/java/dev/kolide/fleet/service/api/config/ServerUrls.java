package dev.kolide.fleet.service.api.config;

import dev.kolide.fleet.service.api.Problems;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The rule for {@code kolide_server_url}: empty, or an absolute http(s) URL with a host. */
public final class ServerUrls {

    private ServerUrls() {}

    /** Adds a problem for {@code field} when {@code url} is neither empty nor an http(s) URL with a host. */
    public static void check(Problems problems, String field, String url) {
        if (url == null || url.isEmpty()) {
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                problems.add(field, "must be an http or https URL with a host, such as https://fleet.example.com");
            }
        } catch (URISyntaxException e) {
            problems.add(field, "is not a URL: " + e.getReason());
        }
    }
}
