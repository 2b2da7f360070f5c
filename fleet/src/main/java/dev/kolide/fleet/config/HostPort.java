package dev.kolide.fleet.config;

import static java.util.Objects.requireNonNull;

/**
 * A {@code host:port} address as Kolide Fleet's flags spell it; an IPv6 host goes in brackets ({@code [::1]:3306}).
 * The host is not resolved.
 */
public record HostPort(String host, int port) {
    public HostPort {
        requireNonNull(host, "host is null");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
        // 0 lets a listening address take any free port (tests, several local instances).
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static HostPort parse(String text) {
        requireNonNull(text, "text is null");
        String s = text.strip();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("\"" + text + "\" is not host:port");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("\"" + text + "\" is not host:port (put an IPv6 host in brackets)");
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not host:port (the port is not a number)", e);
        }
        return new HostPort(host, port);
    }

    /** {@code host:port}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
