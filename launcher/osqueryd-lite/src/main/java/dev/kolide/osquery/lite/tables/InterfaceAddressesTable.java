package dev.kolide.osquery.lite.tables;

import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.text;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** osquery's {@code interface_addresses}, from the JDK's view of the interfaces (getifaddrs underneath). */
public final class InterfaceAddressesTable implements Table {

    @Override
    public String name() {
        return "interface_addresses";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return List.of(text("interface"), text("address"), text("mask"), text("broadcast"), text("point_to_point"),
                text("type"));
    }

    @Override
    public List<Map<String, String>> generate(QueryContext context) throws SocketException {
        List<Map<String, String>> rows = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                InetAddress ip = address.getAddress();
                if (ip == null) {
                    continue;
                }
                InetAddress broadcast = address.getBroadcast();
                rows.add(Rows.of("interface", nic.getName(), "address", addressText(ip),
                        "mask", mask(ip, address.getNetworkPrefixLength()),
                        "broadcast", broadcast == null ? "" : broadcast.getHostAddress(),
                        "point_to_point", "", "type", "unknown"));
            }
        }
        return rows;
    }

    /** IPv4 as dotted quad; IPv6 compressed, with the zone ("%eth0") of a scoped address, as getnameinfo prints. */
    static String addressText(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        byte[] bytes = ip.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        String text = ProcNetAddresses.compress(groups);
        if (ip instanceof Inet6Address v6 && v6.getScopedInterface() != null) {
            text += "%" + v6.getScopedInterface().getName();
        }
        return text;
    }

    static String mask(InetAddress ip, int prefix) {
        int bits = ip instanceof Inet4Address ? 32 : 128;
        byte[] mask = new byte[bits / 8];
        for (int i = 0; i < Math.min(prefix, bits); i++) {
            mask[i / 8] |= (byte) (0x80 >> (i % 8));
        }
        if (bits == 32) {
            return (mask[0] & 0xff) + "." + (mask[1] & 0xff) + "." + (mask[2] & 0xff) + "." + (mask[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (mask[2 * i] & 0xff) << 8 | mask[2 * i + 1] & 0xff;
        }
        return ProcNetAddresses.compress(groups);
    }
}
