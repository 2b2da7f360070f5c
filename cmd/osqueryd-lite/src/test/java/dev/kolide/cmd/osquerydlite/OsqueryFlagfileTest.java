package dev.kolide.cmd.osquerydlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.kit.flags.FlagException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsqueryFlagfileTest {
    @TempDir
    Path dir;

    @Test
    void theFilesFlagsTakeThePlaceOfTheFlagfileArgumentSoLaterFlagsWin() throws Exception {
        Path file = dir.resolve("osquery.flags");
        Files.writeString(file, "# launcher's flags\n--host_identifier=uuid\n\nverbose\n");

        String[] expanded = OsqueryFlagfile.expand(new String[] {"--utc", "--flagfile", file.toString(),
                "--host_identifier=hostname"});

        assertThat(expanded).containsExactly("--utc", "--flagfile=" + file, "--host_identifier=uuid", "--verbose",
                "--host_identifier=hostname");
    }

    @Test
    void aMissingFlagfileIsAFlagErrorNamingIt() {
        assertThatThrownBy(() -> OsqueryFlagfile.expand(new String[] {"--flagfile=" + dir.resolve("nope")}))
                .isInstanceOf(FlagException.class).hasMessage("flag file " + dir.resolve("nope") + " does not exist");
        assertThatThrownBy(() -> OsqueryFlagfile.expand(new String[] {"--flagfile"}))
                .isInstanceOf(FlagException.class).hasMessage("flag --flagfile needs a file name");
    }
}
