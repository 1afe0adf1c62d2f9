package dev.greeter.conformance.lab;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waiting for a container of an implementation under test to exit: the one wait servers and clients share. */
final class ContainerExit {

    private ContainerExit() {
    }

    /** How often a one-off run (a client under test, a second server beside the first) is looked at. */
    private static final Duration RUN_POLL_INTERVAL = Duration.ofMillis(25);

    /** Waits up to {@code bound} for a one-off run's container to exit, or for {@code seenEnough}; true if it exited. */
    static boolean await(String containerId, Duration bound, BooleanSupplier seenEnough) {
        return await(containerId, bound, RUN_POLL_INTERVAL, seenEnough);
    }

    /**
     * Waits up to {@code bound}, asking the engine every {@code pollInterval}, for the container to exit, or
     * for {@code seenEnough}; true if it exited.
     */
    static boolean await(String containerId, Duration bound, Duration pollInterval, BooleanSupplier seenEnough) {
        AtomicBoolean exited = new AtomicBoolean();
        try {
            Awaitility.await().atMost(bound).pollInterval(pollInterval)
                    .until(() -> {
                        exited.set(!running(containerId));
                        return exited.get() || seenEnough.getAsBoolean();
                    });
        } catch (ConditionTimeoutException e) {
            return false;
        }
        // Ended by seenEnough: the container may have exited since.
        return exited.get() || !running(containerId);
    }

    private static boolean running(String containerId) {
        return Boolean.TRUE.equals(Containers.state(containerId).getRunning());
    }
}
