package dev.kolide.perf.host;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Who simulated host number {@code index} is: the same name, uuid (its osquery host identifier), serial, MAC and IP
 * on every run with the same prefix, so a rerun finds its node keys and fleet sees the same hosts again.
 */
public record HostIdentity(int index, String hostname, String uuid, String serial, String mac, String ip,
        OsTemplate os) {

    /** Host {@code index} of a run whose host names start with {@code prefix} ("perf-host" → perf-host-00042). */
    public static HostIdentity of(String prefix, int index) {
        String hostname = String.format(Locale.ROOT, "%s-%05d", prefix, index);
        String uuid = UUID.nameUUIDFromBytes(hostname.getBytes(StandardCharsets.UTF_8)).toString()
                .toUpperCase(Locale.ROOT);
        String serial = String.format(Locale.ROOT, "PERF%08X", index);
        byte[] mac = {0x02, 0x42, (byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8), (byte) index};
        String ip = String.format(Locale.ROOT, "10.%d.%d.%d", (index >>> 16) & 0xff, (index >>> 8) & 0xff,
                (index & 0xff) == 0 ? 1 : index & 0xff);
        OsTemplate os = OsTemplate.mix().get(Math.floorMod(index, OsTemplate.mix().size()));
        return new HostIdentity(index, hostname, uuid, serial, HexFormat.ofDelimiter(":").formatHex(mac), ip, os);
    }

    /** What osquery sends as {@code host_identifier} with {@code --host_identifier=uuid}. */
    public String hostIdentifier() {
        return uuid;
    }
}
