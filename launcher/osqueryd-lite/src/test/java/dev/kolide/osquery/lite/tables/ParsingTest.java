package dev.kolide.osquery.lite.tables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parsers behind the tables, on fixture files. */
class ParsingTest {
    @TempDir
    Path root;

    @ParameterizedTest
    @CsvSource({
        "0100007F, 127.0.0.1",
        "00000000, 0.0.0.0",
        "00000000000000000000000000000000, ::",
        "00000000000000000000000001000000, ::1",
        "0000000000000000FFFF00000100007F, ::ffff:127.0.0.1",
        "B80D0120000000000000000001000000, 2001:db8::1",
    })
    void procNetAddressesPrintAsInetNtopDoes(String hex, String text) {
        assertThat(ProcNetAddresses.decode(hex)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"/mnt/my\\040disk, /mnt/my disk", "/plain, /plain", "a\\134b, a\\b"})
    void mountPathsAreUnescaped(String field, String path) {
        assertThat(MountsTable.unescape(field)).isEqualTo(path);
    }

    @Test
    void listeningPortsReadsListenAndUnconnectedUdpOnly() throws Exception {
        write("proc/net/tcp", """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1
                   1: 0100007F:1F91 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 222 1
                """);
        write("proc/net/udp6", """
                  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
                   0: 00000000000000000000000000000000:0035 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 333 2
                """);

        List<Map<String, String>> rows = new ListeningPortsTable(new SystemFiles(root)).generate(QueryContext.empty());

        assertThat(rows).extracting(r -> r.get("address") + " " + r.get("port") + " " + r.get("protocol") + " "
                + r.get("family") + " " + r.get("socket")).containsExactly("127.0.0.1 8080 6 2 111", ":: 53 17 10 333");
    }

    @Test
    void osReleaseValuesLoseTheirQuotes() throws Exception {
        write("etc/os-release", "NAME=\"Debian GNU/Linux\"\nVERSION_ID='12.4'\nID=debian\nVERSION_CODENAME=bookworm\n");

        Map<String, String> row = new OsVersionTable(new SystemFiles(root), "x86_64").generate(QueryContext.empty())
                .get(0);

        assertThat(row).containsEntry("name", "Debian GNU/Linux").containsEntry("major", "12")
                .containsEntry("minor", "4").containsEntry("platform", "debian").containsEntry("codename", "bookworm");
    }

    @Test
    void aProcessWhoseNameHasParenthesesAndSpacesIsReadFromStat() throws Exception {
        write("proc/42/stat", "42 (my (odd) name) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 3 0 1000 "
                + "12345678 100 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n");
        write("proc/42/status", "Uid:\t1000\t1001\t1002\t1003\nGid:\t10\t11\t12\t13\nVmRSS:\t  200 kB\n");
        write("proc/stat", "cpu 1 2 3\nbtime 1700000000\n");

        Map<String, String> row = new ProcessesTable(new SystemFiles(root)).generate(QueryContext.empty()).get(0);

        assertThat(row).containsEntry("pid", "42").containsEntry("name", "my (odd) name").containsEntry("state", "S")
                .containsEntry("parent", "1").containsEntry("uid", "1000").containsEntry("euid", "1001")
                .containsEntry("gid", "10").containsEntry("user_time", "2500").containsEntry("system_time", "500")
                .containsEntry("threads", "3").containsEntry("resident_size", "204800")
                .containsEntry("start_time", "1700000010").containsEntry("on_disk", "-1");
    }

    private void write(String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
