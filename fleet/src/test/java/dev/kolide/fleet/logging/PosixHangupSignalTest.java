package dev.kolide.fleet.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Raises a real SIGHUP inside this JVM. A handler of the test's own stands in for the JVM's (which would shut the
 * test JVM down) while it runs.
 */
@Timeout(10)
@DisabledOnOs(OS.WINDOWS)
class PosixHangupSignalTest {

    @Test
    void runsTheActionOnSighupWhileSubscribedAndGivesTheSignalBackAfterwards() throws Exception {
        Signal hup = new Signal("HUP");
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        SignalHandler jvmHandler = Signal.handle(hup, signal -> received.add("before"));
        try {
            HangupSignal.Subscription subscription = new PosixHangupSignal().subscribe(() -> received.add("reopen"));
            Signal.raise(hup);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("reopen");

            subscription.close();
            subscription.close();
            Signal.raise(hup);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("before");
        } finally {
            Signal.handle(hup, jvmHandler);
        }
    }
}
