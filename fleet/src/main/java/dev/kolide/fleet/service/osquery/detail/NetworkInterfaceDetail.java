package dev.kolide.fleet.service.osquery.detail;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code network_interface}: the primary IP and MAC. The rows come busiest interface first; the first IPv4
 * address that is neither loopback nor link-local wins, else the first such IPv6 address (Kolide Fleet's rule).
 * When there is none the stored values are kept.
 */
final class NetworkInterfaceDetail implements DetailQuery {

    @Override
    public String name() {
        return "network_interface";
    }

    @Override
    public String sql() {
        return "select address, mac from interface_details id join interface_addresses ia on ia.interface = "
                + "id.interface where length(mac) > 0 order by (ibytes + obytes) desc";
    }

    @Override
    public void ingest(List<Map<String, String>> rows, HostDetails host) {
        Map<String, String> firstIpv6 = null;
        for (Map<String, String> row : rows) {
            Optional<IpLiteral> ip = IpLiteral.parse(Rows.text(row, "address"));
            if (ip.isEmpty() || ip.get().isLoopback() || ip.get().isLinkLocal()) {
                continue;
            }
            if (ip.get().isIpv4()) {
                set(host, ip.get(), row);
                return;
            }
            if (firstIpv6 == null) {
                firstIpv6 = row;
            }
        }
        if (firstIpv6 != null) {
            set(host, IpLiteral.parse(Rows.text(firstIpv6, "address")).orElseThrow(), firstIpv6);
        }
    }

    private static void set(HostDetails host, IpLiteral ip, Map<String, String> row) {
        host.primaryIp(ip.text());
        String mac = Rows.text(row, "mac");
        // An InfiniBand hardware address (20 bytes) does not fit the column and is no Ethernet MAC anyway.
        host.primaryMac(mac.length() <= HostDetails.MAC_COLUMN ? mac : "");
    }
}
