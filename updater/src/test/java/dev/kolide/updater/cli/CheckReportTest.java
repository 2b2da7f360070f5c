package dev.kolide.updater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.updater.tuf.Target;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckReportTest {
    private static final byte[] SHA256 = HexFormat.of().parseHex("00".repeat(31) + "ff");
    private final CheckReport report = new CheckReport("kolide/osqueryd", 5, 10, true, Map.of(
            "linux/osqueryd-stable.tar.gz", new Target("linux/osqueryd-stable.tar.gz", 210,
                    Map.of("sha256", SHA256, "sha512", new byte[64]), "targets"),
            "darwin/osqueryd-beta.tar.gz", new Target("darwin/osqueryd-beta.tar.gz", 7,
                    Map.of("sha512", new byte[64]), "targets/releases")),
            Set.of("linux/osqueryd-stable.tar.gz"));

    @Test
    void textListsEachTargetWithLengthSha256AndChange() {
        assertThat(report.text().lines()).containsExactly(
                "kolide/osqueryd: root version 5, timestamp version 10 (new)",
                "  darwin/osqueryd-beta.tar.gz            7  sha256:-",
                "  linux/osqueryd-stable.tar.gz         210  sha256:" + "00".repeat(31) + "ff  changed",
                "2 targets, 1 changed");
    }

    @Test
    void jsonHasTheSameFacts() {
        JsonNode json = report.json(new ObjectMapper());

        assertThat(json.get("root_version").asInt()).isEqualTo(5);
        assertThat(json.get("timestamp_changed").asBoolean()).isTrue();
        assertThat(json.get("targets")).hasSize(2);
        JsonNode linux = json.get("targets").get(1);
        assertThat(linux.get("name").asText()).isEqualTo("linux/osqueryd-stable.tar.gz");
        assertThat(linux.get("length").asLong()).isEqualTo(210);
        assertThat(linux.get("hashes").get("sha256").asText()).isEqualTo("00".repeat(31) + "ff");
        assertThat(linux.get("role").asText()).isEqualTo("targets");
        assertThat(linux.get("changed").asBoolean()).isTrue();
        assertThat(json.get("targets").get(0).get("changed").asBoolean()).isFalse();
    }
}
