package dev.kolide.updater.http;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The base URL of a Notary server or a mirror. kolide/updater required https; we also accept plain http, but only
 * for a loopback host (Notary's development server speaks plain HTTP, and so does the one in docker-compose.yml
 * when reached through a published port), and {@link #isPlainHttp()} lets the caller warn about it. TUF metadata is
 * signed, so plain HTTP cannot forge an update, but it leaks what is fetched and eases freeze attacks.
 */
public record ServerUrl(URI uri) {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    public ServerUrl {
        requireNonNull(uri, "uri is null");
    }

    /**
     * Parses a flag's value: an absolute https URL, or http to a loopback host, without query or fragment.
     *
     * @throws IllegalArgumentException naming {@code flag} when the value is not acceptable
     */
    public static ServerUrl parse(String flag, String value) {
        requireNonNull(flag, "flag is null");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(flag + " is empty");
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(flag + " \"" + value + "\" is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(flag + " \"" + value + "\" must be an https:// URL with a host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(flag + " \"" + value + "\" must not have a query, fragment or user");
        }
        if (scheme.equals("http") && !LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(flag + " \"" + value + "\" must use https:// (plain http:// is only"
                    + " accepted for localhost, 127.0.0.1 and [::1])");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return new ServerUrl(URI.create(scheme + "://" + uri.getRawAuthority() + path));
    }

    /** Whether requests go unencrypted (loopback only), for a warning. */
    public boolean isPlainHttp() {
        return "http".equals(uri.getScheme());
    }

    /** This base with {@code path} (already URL-safe, no leading slash) appended below it. */
    public URI resolve(String path) {
        return URI.create(uri + "/" + path);
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
