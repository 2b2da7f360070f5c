package dev.kolide.kit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import sun.misc.Signal;

@SuppressWarnings("try")
class DebugSignalTest {

    /** Signals are delivered on a JVM thread of their own; wait for the effect, briefly. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void usr2TogglesDebugOnAndOffAndSaysSo() throws Exception {
        try (CapturedLog captured = new CapturedLog()) {
            LogLevelSwitch levels = captured.levels();
            Optional<DebugSignal> installed =
                    DebugSignal.install(levels, DebugSignal.USR2, captured.logger(DebugSignal.class));
            // Must hold before raising: with the default handler SIGUSR2 would end the test JVM.
            assertThat(installed).isPresent();
            try (DebugSignal ignored = installed.get()) {
                Signal.raise(new Signal("USR2"));
                assertThat(eventually(levels::isDebug)).as("debug on after first USR2").isTrue();
                // Each signal runs its handler on a thread of its own: let the first one log before the second.
                assertThat(eventually(() -> captured.lines().size() == 1)).as("first toggle logged").isTrue();

                Signal.raise(new Signal("USR2"));
                assertThat(eventually(() -> !levels.isDebug())).as("debug off after second USR2").isTrue();
                // The handler switches the level before it logs: wait for its line too.
                assertThat(eventually(() -> captured.lines().size() == 2)).as("second toggle logged").isTrue();
            }
            assertThat(captured.lines()).hasSize(2);
            assertThat(captured.lines().get(0)).contains("msg=\"debug logging toggled\" debug=true signal=SIGUSR2");
            assertThat(captured.lines().get(1)).contains("debug=false");
        }
    }

    @Test
    void unknownSignalIsReportedNotThrown() {
        try (CapturedLog captured = new CapturedLog()) {
            Optional<DebugSignal> installed =
                    DebugSignal.install(captured.levels(), "NOSUCHSIGNAL", captured.logger(DebugSignal.class));

            assertThat(installed).isEmpty();
            assertThat(captured.onlyLine()).contains("level=warn").contains("signal=SIGNOSUCHSIGNAL")
                    .contains("Unknown signal");
        }
    }
}
