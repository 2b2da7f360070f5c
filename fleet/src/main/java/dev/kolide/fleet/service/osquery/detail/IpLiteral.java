package dev.kolide.fleet.service.osquery.detail;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address as osquery's interface_addresses reports it, parsed without ever asking DNS: only strings made of
 * hex digits, dots and colons reach {@link InetAddress#getByName}, which then reads them as literals. A zone
 * ({@code fe80::1%en0}) is dropped.
 */
record IpLiteral(String text, InetAddress address) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    static Optional<IpLiteral> parse(String value) {
        String text = value.strip();
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        boolean v4 = IPV4.matcher(text).matches() && octetsInRange(text);
        boolean v6 = !v4 && text.indexOf(':') >= 0 && IPV6.matcher(text).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(new IpLiteral(text, InetAddress.getByName(text)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean octetsInRange(String text) {
        for (String octet : text.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** IPv4, including IPv4-mapped IPv6 ({@code ::ffff:10.0.0.1}), as Go's To4 counts it. */
    boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    boolean isLoopback() {
        return address.isLoopbackAddress();
    }

    /** 169.254.0.0/16 or fe80::/10. */
    boolean isLinkLocal() {
        return address.isLinkLocalAddress();
    }
}
