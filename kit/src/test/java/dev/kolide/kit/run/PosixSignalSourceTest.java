package dev.kolide.kit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Raises a real SIGINT inside this JVM. A handler of the test's own stands in for the JVM's while it runs,
 * so that a source that failed to take the signal, or to give it back, cannot stop the test JVM.
 */
@Timeout(10)
@DisabledOnOs(OS.WINDOWS)
class PosixSignalSourceTest {

    @Test
    void deliversTheSignalWhileSubscribedAndGivesItBackAfterwards() throws Exception {
        Signal sigint = new Signal("INT");
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        SignalHandler jvmHandler = Signal.handle(sigint, signal -> received.add("before"));
        // A process started in the background by a shell without job control inherits SIGINT ignored, and the JVM
        // then installs no handler for it at all (Signal.handle answers SIG_IGN): nothing to test there.
        assumeFalse(jvmHandler == SignalHandler.SIG_IGN, "SIGINT is ignored in this process");
        try {
            SignalSource.Subscription subscription =
                    new PosixSignalSource().subscribe(Set.of(PosixSignal.INT), signal -> received.add("source " + signal));
            Signal.raise(sigint);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("source INT");

            subscription.close();
            Signal.raise(sigint);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("before");
        } finally {
            Signal.handle(sigint, jvmHandler);
        }
    }
}
