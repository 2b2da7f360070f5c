package dev.kolide.osquery.lite.tables;

import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.bigint;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.integer;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.text;
import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * osquery's {@code listening_ports} on Linux: TCP sockets in LISTEN and UDP sockets without a peer, from
 * {@code /proc/net/{tcp,tcp6,udp,udp6}} of this network namespace, with the owning process and descriptor found
 * through {@code /proc/<pid>/fd} (other users' processes need root, as with osquery). Unix-domain sockets are not
 * listed.
 */
public final class ListeningPortsTable implements Table {
    private static final String TCP_LISTEN = "0A";
    private static final String UDP_UNCONNECTED = "07";

    private final SystemFiles files;

    public ListeningPortsTable(SystemFiles files) {
        this.files = requireNonNull(files, "files is null");
    }

    @Override
    public String name() {
        return "listening_ports";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return List.of(integer("pid"), integer("port"), integer("protocol"), integer("family"), text("address"),
                bigint("fd"), bigint("socket"), text("path"), text("net_namespace"));
    }

    @Override
    public List<Map<String, String>> generate(QueryContext context) {
        List<Socket> sockets = new ArrayList<>();
        read("/proc/net/tcp", 6, 2, TCP_LISTEN, sockets);
        read("/proc/net/tcp6", 6, 10, TCP_LISTEN, sockets);
        read("/proc/net/udp", 17, 2, UDP_UNCONNECTED, sockets);
        read("/proc/net/udp6", 17, 10, UDP_UNCONNECTED, sockets);
        if (sockets.isEmpty()) {
            return List.of();
        }
        Map<String, String[]> owners = socketOwners();
        String namespace = files.readLink("/proc/self/ns/net").replaceAll("[^0-9]", "");
        List<Map<String, String>> rows = new ArrayList<>();
        for (Socket socket : sockets) {
            String[] owner = owners.getOrDefault(socket.inode(), new String[] {"-1", "-1"});
            rows.add(Rows.of("pid", owner[0], "port", socket.port(), "protocol", socket.protocol(),
                    "family", socket.family(), "address", socket.address(), "fd", owner[1],
                    "socket", socket.inode(), "path", "", "net_namespace", namespace));
        }
        return rows;
    }

    private record Socket(int protocol, int family, String address, int port, String inode) {}

    private void read(String file, int protocol, int family, String state, List<Socket> out) {
        List<String> lines = files.lines(file);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split("\\s+");
            if (f.length < 10 || !f[3].equalsIgnoreCase(state)) {
                continue;
            }
            String[] local = f[1].split(":");
            if (local.length != 2) {
                continue;
            }
            if (protocol == 17 && !f[2].endsWith(":0000")) {
                continue; // a connected UDP socket is not listening
            }
            out.add(new Socket(protocol, family, ProcNetAddresses.decode(local[0]), Integer.parseInt(local[1], 16), f[9]));
        }
    }

    /** socket inode → {pid, fd}, from the links in /proc/<pid>/fd. */
    private Map<String, String[]> socketOwners() {
        Map<String, String[]> owners = new HashMap<>();
        for (String pid : files.list("/proc")) {
            if (!pid.matches("\\d+")) {
                continue;
            }
            for (String fd : files.list("/proc/" + pid + "/fd")) {
                String target = files.readLink("/proc/" + pid + "/fd/" + fd);
                if (target.startsWith("socket:[")) {
                    owners.putIfAbsent(target.substring(8, target.length() - 1), new String[] {pid, fd});
                }
            }
        }
        return owners;
    }
}
