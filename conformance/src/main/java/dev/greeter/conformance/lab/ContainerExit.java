package dev.greeter.conformance.lab;

import dev.greeter.conformance.config.HarnessException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a container of an implementation under test to exit: the one wait servers and clients share. The engine
 * says when ({@link ExitWatch}) rather than being asked every few milliseconds.
 */
final class ContainerExit {

    private ContainerExit() {
    }

    /** How often a one-off run's {@code seenEnough} is asked. */
    private static final Duration RUN_POLL_INTERVAL = Duration.ofMillis(25);

    /** Waits up to {@code bound} for a one-off run's container to exit, or for {@code seenEnough}; true if it exited. */
    static boolean await(String containerId, Duration bound, BooleanSupplier seenEnough) {
        return await(containerId, bound, RUN_POLL_INTERVAL, seenEnough);
    }

    /**
     * Waits up to {@code bound} for the container to exit, asking {@code seenEnough} every {@code pollInterval}; true if it
     * exited.
     */
    static boolean await(String containerId, Duration bound, Duration pollInterval, BooleanSupplier seenEnough) {
        try (ExitWatch exit = ExitWatch.of(containerId)) {
            return await(exit, bound, pollInterval, seenEnough);
        }
    }

    /** As {@link #await(String, Duration, Duration, BooleanSupplier)}, on a watch already made. */
    static boolean await(ExitWatch exit, Duration bound, Duration pollInterval, BooleanSupplier seenEnough) {
        try {
            long deadline = System.nanoTime() + bound.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (exit.awaitEnd(Duration.ofNanos(Math.min(left, pollInterval.toNanos())))) {
                    // The engine answered: the exit, or an error of the wait itself, when the container's state says.
                    return !exit.running();
                }
                if (left <= pollInterval.toNanos()) {
                    return false;
                }
                if (seenEnough.getAsBoolean()) {
                    // Ended by seenEnough: the container may have exited since.
                    return !exit.running();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while waiting for a container to exit", e);
        }
    }
}
