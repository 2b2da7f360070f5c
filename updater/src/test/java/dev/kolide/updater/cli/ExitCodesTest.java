package dev.kolide.updater.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.updater.tuf.FetchFailedException;
import dev.kolide.updater.tuf.NoSuchTargetException;
import dev.kolide.updater.tuf.VerificationFailedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, UTF_8);

    private String err() {
        return bytes.toString(UTF_8);
    }

    @Test
    void successPassesItsCodeThrough() throws Exception {
        assertThat(ExitCodes.run(err, () -> 0)).isZero();
        assertThat(err()).isEmpty();
    }

    @Test
    void aVerificationFailureIsThreeNamingRoleAndCheck() throws Exception {
        int code = ExitCodes.run(err, () -> {
            throw new VerificationFailedException("snapshot", "hash", "does not match timestamp.json");
        });

        assertThat(code).isEqualTo(3);
        assertThat(err()).isEqualTo("updater: verification failed: snapshot: hash: does not match timestamp.json"
                + System.lineSeparator());
    }

    @Test
    void aFetchFailureIsFourWithItsCauseAndNoStackTrace() throws Exception {
        int code = ExitCodes.run(err, () -> {
            throw new FetchFailedException("timestamp.json", "GET http://127.0.0.1:1/x: ConnectException",
                    new ConnectException());
        });

        assertThat(code).isEqualTo(4);
        assertThat(err()).startsWith("updater: network failed: timestamp.json: GET http://127.0.0.1:1/x")
                .doesNotContain("\tat ");
    }

    @Test
    void noSuchTargetIsOne() throws Exception {
        assertThat(ExitCodes.run(err, () -> {
            throw new NoSuchTargetException("linux/nope.tar.gz");
        })).isEqualTo(1);
        assertThat(err()).contains("updater: no such target: linux/nope.tar.gz");
    }

    @Test
    void otherFailuresAreLeftToTheProgram() {
        assertThatThrownBy(() -> ExitCodes.run(err, () -> {
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class);
        assertThat(err()).isEmpty();
    }
}
