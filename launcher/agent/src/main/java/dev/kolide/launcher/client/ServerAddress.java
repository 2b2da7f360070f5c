package dev.kolide.launcher.client;

import static java.util.Objects.requireNonNull;

/**
 * The server's {@code host:port}, as launcher's {@code --hostname} gives it. IPv6 literals go in brackets
 * ({@code [::1]:8080}); {@link #host()} holds them without.
 */
public record ServerAddress(String host, int port) {

    private static final int MAX_PORT = 65_535;

    public ServerAddress {
        requireNonNull(host, "host is null");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is not in 1.." + MAX_PORT);
        }
    }

    /** Parses {@code host:port}; the message of the exception says what is wrong and what is expected. */
    public static ServerAddress parse(String hostname) {
        requireNonNull(hostname, "hostname is null");
        String quoted = "hostname \"" + hostname + "\"";
        String expected = ": expected host:port, e.g. fleet.example.com:443";
        if (hostname.isBlank()) {
            throw new IllegalArgumentException("hostname is empty" + expected);
        }
        if (hostname.contains("://") || hostname.contains("/")) {
            throw new IllegalArgumentException(quoted + " is not host:port (no scheme or path)" + expected);
        }
        boolean bracketed = hostname.startsWith("[");
        int colon = bracketed ? hostname.indexOf("]:") : hostname.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(quoted + " has no port" + expected
                    + (bracketed ? " or [::1]:8080" : ""));
        }
        colon += bracketed ? 1 : 0;
        String host = hostname.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException(quoted + ": put an IPv6 address in brackets, e.g. [::1]:8080");
        }
        checkHost(host, quoted, expected);
        return new ServerAddress(host, parsePort(hostname.substring(colon + 1), quoted));
    }

    /** {@code host:port} again, with brackets around an IPv6 literal: for URIs and messages. */
    public String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return authority();
    }

    private static void checkHost(String host, String quoted, String expected) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException(quoted + " has no host" + expected);
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '-' || c == '_' || c == ':' || c == '%';
            if (!allowed) {
                throw new IllegalArgumentException(quoted + " has '" + c + "' in its host, which a host name"
                        + " or IP address cannot contain");
            }
        }
    }

    private static int parsePort(String text, String quoted) {
        String problem = quoted + " has port \"" + text + "\"; a port is a number from 1 to " + MAX_PORT;
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(problem);
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > MAX_PORT) {
            throw new IllegalArgumentException(problem);
        }
        return port;
    }
}
