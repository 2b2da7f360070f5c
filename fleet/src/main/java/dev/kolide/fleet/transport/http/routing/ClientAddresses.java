package dev.kolide.fleet.transport.http.routing;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Which address a request came from, for rate limits and logs.
 *
 * <p>By default ({@link #direct()}) that is the TCP peer, and {@code X-Forwarded-For} is ignored: anyone can
 * send that header, so trusting it lets a client pick its own address and dodge a per-address limit.
 *
 * <p>Behind load balancers, {@link #trustingProxies} names them (addresses or CIDR blocks). When the peer is
 * one of them, the address is the right-most {@code X-Forwarded-For} entry that is not a trusted proxy: each
 * proxy appends the address it saw, so entries right of the first untrusted one were written by our proxies and
 * those left of it by whoever the client is. An entry that is not an IP literal stops the walk, and the last
 * trusted hop is used. Host names are never resolved.
 */
public final class ClientAddresses {

    private final List<AddressBlock> trustedProxies;

    private ClientAddresses(List<AddressBlock> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** The TCP peer, always. */
    public static ClientAddresses direct() {
        return new ClientAddresses(List.of());
    }

    /**
     * The TCP peer, or what {@code X-Forwarded-For} says when the peer is one of {@code proxies}: IP addresses
     * ({@code 10.0.0.7}, {@code ::1}) or CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}).
     */
    public static ClientAddresses trustingProxies(Collection<String> proxies) {
        requireNonNull(proxies, "proxies is null");
        List<AddressBlock> blocks = new ArrayList<>();
        for (String proxy : proxies) {
            blocks.add(AddressBlock.parse(requireNonNull(proxy, "proxy is null")));
        }
        return new ClientAddresses(blocks);
    }

    /** The client address of {@code request}. */
    public InetAddress of(Request request) {
        requireNonNull(request, "request is null");
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            throw new IllegalStateException("the request's peer is not an IP socket address: " + remote);
        }
        if (trustedProxies.isEmpty()) {
            return inet.getAddress();
        }
        return resolve(inet.getAddress(), request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR));
    }

    /** The client address when the TCP peer is {@code peer} and the X-Forwarded-For header lines are these. */
    InetAddress resolve(InetAddress peer, List<String> forwardedForLines) {
        InetAddress current = peer;
        if (!isTrusted(current)) {
            return current;
        }
        List<String> hops = new ArrayList<>();
        for (String line : forwardedForLines) {
            for (String hop : line.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = AddressBlock.parseLiteral(hops.get(i));
            if (hop == null) {
                return current;
            }
            current = hop;
            if (!isTrusted(current)) {
                return current;
            }
        }
        return current;
    }

    private boolean isTrusted(InetAddress address) {
        for (AddressBlock block : trustedProxies) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An IP address with a prefix length: one address when the prefix is the full width. */
    record AddressBlock(byte[] network, int prefixLength) {

        static AddressBlock parse(String text) {
            String trimmed = text.strip();
            int slash = trimmed.indexOf('/');
            String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
            InetAddress parsed = parseLiteral(address);
            if (parsed == null) {
                throw new IllegalArgumentException("trusted proxy \"" + text + "\" is not an IP address or CIDR"
                        + " block");
            }
            byte[] bytes = parsed.getAddress();
            int width = bytes.length * 8;
            int prefix = width;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(trimmed.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > width) {
                    throw new IllegalArgumentException("trusted proxy \"" + text + "\": the prefix length must be"
                            + " 0 to " + width);
                }
            }
            return new AddressBlock(bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xFF << (8 - remainingBits)) & 0xFF;
            return (bytes[fullBytes] & mask) == (network[fullBytes] & mask);
        }

        /** {@code text} as an IPv4 or IPv6 literal (IPv6 may be in brackets); null if it is neither. No DNS. */
        static InetAddress parseLiteral(String text) {
            String candidate = text.strip();
            if (candidate.startsWith("[") && candidate.endsWith("]")) {
                candidate = candidate.substring(1, candidate.length() - 1);
            }
            if (candidate.isEmpty()) {
                return null;
            }
            try {
                if (candidate.indexOf(':') >= 0) {
                    // With a colon the JDK parses an IPv6 literal and never looks the name up.
                    for (int i = 0; i < candidate.length(); i++) {
                        char c = candidate.charAt(i);
                        if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                            return null;
                        }
                    }
                    return InetAddress.getByName(candidate);
                }
                return InetAddress.getByAddress(ipv4(candidate));
            } catch (UnknownHostException | IllegalArgumentException e) {
                return null;
            }
        }

        private static byte[] ipv4(String text) {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("not an IPv4 address");
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                String part = parts[i];
                if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new IllegalArgumentException("not an IPv4 address");
                }
                int value = Integer.parseInt(part);
                if (value > 255) {
                    throw new IllegalArgumentException("not an IPv4 address");
                }
                bytes[i] = (byte) value;
            }
            return bytes;
        }
    }
}
